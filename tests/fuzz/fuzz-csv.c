/* fuzz-csv.c - libFuzzer target: the CSV loader.  A file it accepts,
 * written back out with csv_format, loads again to the same data. */
#include <config.h>

#include "core/csv.h"
#include "core/dataset.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	csv_options o = {.file = "fuzz.csv"};
	dataset *ds = NULL;
	csv_info info;
	char err[600];
	if (csv_parse((const char *)data, size, &o, &ds, &info, err, sizeof err) == 0) {
		size_t len;
		char *text = csv_format(ds, &len);
		dataset *again = NULL;
		csv_options o2 = {.file = "again.csv", .regression = ds->regression};
		if (csv_parse(text, len, &o2, &again, &info, err, sizeof err) != 0)
			abort();
		/* only the file's name may differ: shape, numbers and labels
		 * come back the same */
		if (again->n != ds->n || again->d != ds->d || again->k != ds->k ||
		    dataset_checksum(again) != dataset_checksum(ds))
			abort();
		dataset_free(again);
		free(text);
		dataset_free(ds);
	}
	return 0;
}
