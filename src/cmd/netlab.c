/* netlab.c - the network lab's session block: creating it, replacing the
 * current data, and the "data" family hooks (state digest and freeing).
 * The data commands themselves are in cmd-data.c; the model's fields are
 * filled and freed by cmd-net.c through netlab->free_model. */
#include <config.h>

#include "cmd/netlab.h"
#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

netlab *
netlab_get(session *s)
{
	if (!s->net)
		s->net = xcalloc(1, sizeof *s->net);
	return s->net;
}

void
netlab_set_data(session *s, dataset *ds, const char *recipe)
{
	netlab *nl = netlab_get(s);
	char *r = recipe ? xstrdup(recipe) : NULL;
	dataset_free(nl->data);
	free(nl->data_recipe);
	nl->data = ds;
	nl->data_recipe = r;
}

void
netlab_dump_data(session *s, strbuf *out)
{
	const dataset *ds = s->net ? s->net->data : NULL;
	if (!ds)
		return; /* no line: sessions without data keep their old digest */
	sb_printf(out, "data: %s n=%d train=%d d=%d k=%d%s checksum=%016llx\n", ds->name, ds->n, ds->n_train,
	          ds->d, ds->k, ds->regression ? " regression" : "", (unsigned long long)dataset_checksum(ds));
}

void
netlab_free(session *s)
{
	netlab *nl = s->net;
	if (!nl)
		return;
	if (nl->free_model)
		nl->free_model(nl);
	dataset_free(nl->data);
	free(nl->data_recipe);
	free(nl);
	s->net = NULL;
}

const char *const netlab_probe_data_names[] = {"data.n", "data.train", "data.test", "data.d", "data.k", NULL};

int
netlab_probe_data(session *s, const char *name, double *out)
{
	const dataset *ds = s->net ? s->net->data : NULL;
	int v;
	if (strcmp(name, "data.n") == 0)
		v = ds ? ds->n : 0;
	else if (strcmp(name, "data.train") == 0)
		v = ds ? ds->n_train : 0;
	else if (strcmp(name, "data.test") == 0)
		v = ds ? ds->n - ds->n_train : 0;
	else if (strcmp(name, "data.d") == 0)
		v = ds ? ds->d : 0;
	else if (strcmp(name, "data.k") == 0)
		v = ds ? ds->k : 0;
	else
		return 0;
	*out = v;
	return 1;
}
