/* csv.h - datasets from and to CSV text.
 *
 * csv_parse turns the bytes of a CSV file, already in memory, into a
 * dataset: a header row when there is one, numeric features, and a target
 * column holding class labels (strings or integers) or, for regression,
 * real numbers.  Everything is checked; the first problem comes back as one
 * message "FILE:LINE:COL: what is wrong; what to do" (COL counts fields
 * from 1) and nothing is returned.  csv_format writes a dataset back.
 *
 * The dialect: fields separated by commas; optional double quotes around a
 * field, with "" for a quote inside; LF or CRLF line ends; blank lines
 * skipped; spaces around a field ignored; a UTF-8 byte-order mark skipped.
 * The text must be UTF-8 without control characters.
 *
 * Not a file reader (the commands read files with file_read, which caps
 * their size) and not a general CSV library: no other separators, no
 * missing-value imputation.
 */
#ifndef NN_CORE_CSV_H
#define NN_CORE_CSV_H

#include <stddef.h>

#include "core/dataset.h"

/* Limits: larger inputs are refused with a message that names the limit. */
#define CSV_MAX_BYTES (64u << 20)   /* 64 MiB of text */
#define CSV_MAX_ROWS 1000000        /* data rows */
#define CSV_MAX_COLS 1000           /* columns, target included */
#define CSV_MAX_NAME 100            /* bytes in a column name or class label */
#define CSV_MAX_CLASSES DATASET_MAX_CLASSES

typedef struct csv_options {
	const char *file;    /* the name used in messages, as the user gave it */
	const char *target;  /* column name or 1-based number; NULL: the last */
	int regression;      /* 1: the target is a number to predict */
} csv_options;

/* What csv_parse found besides the data, for the command to report. */
typedef struct csv_info {
	int header;          /* 1 if the first row was taken as column names */
	int target_col;      /* 1-based column of the target */
	int auto_regression; /* 1 if a real-valued target made it regression, */
	int real_line;       /* first seen on this line */
	char real_text[48];  /* as this text */
	int rows_skipped;    /* blank lines skipped */
} csv_info;

/* csv_parse: parse buf[len] into a new dataset named after the file's
 * base name.  0 on success; -1 with the message in err otherwise. */
int csv_parse(const char *buf, size_t len, const csv_options *o, dataset **out, csv_info *info, char *err,
              size_t errlen);

/* csv_format: the dataset as CSV text (a header of feature names and the
 * target name, then one row per point: the features with %.9g, which
 * reads back to the same float, then the class name or target); rows in
 * their order, training rows first.  malloc'd, NUL-terminated; *len set. */
char *csv_format(const dataset *ds, size_t *len);

#endif
