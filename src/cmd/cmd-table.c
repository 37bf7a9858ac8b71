/* cmd-table.c - the command table and the family hooks: the one list of
 * everything nnlab understands.  help, completion and the man page test
 * all read it. */
#include <config.h>

#include "cmd/biglab.h"
#include "cmd/cmd.h"
#include "cmd/cmd-families.h"
#include "cmd/families.h"
#include "cmd/netcmd.h"
#include "cmd/netlab.h"
#include "cmd/plotsrc.h"
#include "cmd/seqlab.h"
#include "util/i18n.h"

#include <stddef.h>

/* Help topics, in the order `help` lists them. */
const char *const cmd_topics[][2] = {
	{"session", N_("Session")},
	{"data", N_("Data")},
	{"net", N_("Networks and training")},
	{"plot", N_("Pictures")},
	{"seq", N_("Sequences and language")},
	{"big", N_("Large models")},
	{"learn", N_("Glossary and lessons")},
	{NULL, NULL},
};

/* Every command; within a topic, `help` lists them in this order. */
const cmd_entry *const cmd_table[] = {
	&cmd_help_entry,
	&cmd_quit_entry,
	&cmd_seed_entry,
	&cmd_set_entry,
	&cmd_show_entry,
	&cmd_source_entry,
	&cmd_history_entry,
	&cmd_clear_entry,
	&cmd_version_entry,
	&cmd_data_entry,
	&cmd_net_entry,
	&cmd_loss_entry,
	&cmd_optim_entry,
	&cmd_lr_entry,
	&cmd_batch_entry,
	&cmd_epochs_entry,
	&cmd_train_entry,
	&cmd_stop_entry,
	&cmd_step_entry,
	&cmd_eval_entry,
	&cmd_predict_entry,
	&cmd_gradcheck_entry,
	&cmd_lrfind_entry,
	&cmd_sweep_entry,
	&cmd_save_entry,
	&cmd_load_entry,
	&cmd_export_entry,
	&cmd_ae_entry,
	&cmd_gan_entry,
	&cmd_plot_entry,
	&cmd_layout_entry,
	&cmd_focus_entry,
	&cmd_scroll_entry,
	&cmd_view_entry,
	&cmd_log_entry,
	&cmd_lesson_entry,
	&cmd_next_entry,
	&cmd_back_entry,
	&cmd_again_entry,
	&cmd_hint_entry,
	&cmd_skip_entry,
	&cmd_answer_entry,
	&cmd_progress_entry,
	&cmd_define_entry,
	&cmd_glossary_entry,
	&cmd_demo_entry,
	&cmd_compare_entry,
	&cmd_attn_entry,
	&cmd_vocab_entry,
	&cmd_embed_entry,
	&cmd_rnn_entry,
	&cmd_mem_entry,
	&cmd_quant_entry,
	&cmd_distill_entry,
	&cmd_parallel_entry,
	&cmd_transfer_entry,
	&cmd_rl_entry,
	&cmd_gd_entry,
	NULL,
};

/* Completion that depends on content: glossary terms and lesson names. */
static char **
content_completer(session *s, enum cmd_complete kind, const char *prefix)
{
	switch (kind) {
	case COMPLETE_TERM:
		return glossary_complete_terms(s, prefix);
	case COMPLETE_LESSON:
		return lesson_complete_names(s, prefix);
	default:
		return NULL;
	}
}

void
cmd_init(void)
{
	cmd_set_completer(content_completer);
}

/* The families' state hooks (see families.h). */
const family families[] = {
	{"session", NULL, NULL, session_probe, session_probe_names},
	{"data", netlab_dump_data, netlab_free, netlab_probe_data, netlab_probe_data_names},
	{"net", net_dump, NULL, net_probe, net_probe_names},  /* freed by netlab_free */
	{"lesson", NULL, lesson_free_state, NULL, NULL},
	{.name = "glossary", .free = glossary_state_free},
	{.name = "plot", .free = plot_family_free},
	{"seq", seqlab_dump, seqlab_free, seqlab_probe, seqlab_probe_names},
	{.name = "big", .dump = biglab_dump, .free = biglab_free},
	{0},
};
