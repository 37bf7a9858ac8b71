/* cmd-families.h - the command entries each cmd-<family>.c defines, for
 * the table in cmd-table.c; and the workspace key bindings.  Add a line
 * here and one in cmd_table[] for each new command. */
#ifndef NN_CMD_CMD_FAMILIES_H
#define NN_CMD_CMD_FAMILIES_H

#include "cmd/cmd.h"

/* cmd-session.c */
extern const cmd_entry cmd_help_entry;
extern const cmd_entry cmd_quit_entry;
extern const cmd_entry cmd_seed_entry;
extern const cmd_entry cmd_set_entry;
extern const cmd_entry cmd_show_entry;
extern const cmd_entry cmd_source_entry;
extern const cmd_entry cmd_history_entry;
extern const cmd_entry cmd_clear_entry;
extern const cmd_entry cmd_version_entry;
/* session_greet: the three lines a learner sees first (what nnlab is,
 * 'lesson start', 'help' and 'define'), in line mode and the workspace. */
void session_greet(void);

/* cmd-ae.c, cmd-gan.c */
extern const cmd_entry cmd_ae_entry;
extern const cmd_entry cmd_gan_entry;

/* cmd-lesson.c */
extern const cmd_entry cmd_lesson_entry;
extern const cmd_entry cmd_next_entry;
extern const cmd_entry cmd_back_entry;
extern const cmd_entry cmd_again_entry;
extern const cmd_entry cmd_hint_entry;
extern const cmd_entry cmd_skip_entry;
extern const cmd_entry cmd_answer_entry;
extern const cmd_entry cmd_progress_entry;
int session_probe(session *s, const char *name, double *out);
extern const char *const session_probe_names[];
void lesson_free_state(session *s);
/* lesson_complete_names: lesson names starting with prefix. */
char **lesson_complete_names(session *s, const char *prefix);
/* cmd_init: install what the command layer needs before the first
 * command (the completion of glossary terms and lesson names). */
void cmd_init(void);

/* cmd-glossary.c */
extern const cmd_entry cmd_define_entry;
extern const cmd_entry cmd_glossary_entry;
extern const cmd_entry cmd_demo_entry;
extern const cmd_entry cmd_compare_entry;
void glossary_state_free(session *s);
/* glossary_complete_terms: glossary names starting with prefix, for a
 * completer (malloc'd NULL-terminated array of malloc'd strings). */
char **glossary_complete_terms(session *s, const char *prefix);

/* cmd-data.c */
extern const cmd_entry cmd_data_entry;

/* cmd-net.c, cmd-train.c, cmd-netfile.c: networks and training (state in
 * netlab.h, shared pieces in netcmd.h) */
extern const cmd_entry cmd_net_entry;
extern const cmd_entry cmd_loss_entry;
extern const cmd_entry cmd_optim_entry;
extern const cmd_entry cmd_lr_entry;
extern const cmd_entry cmd_batch_entry;
extern const cmd_entry cmd_epochs_entry;
extern const cmd_entry cmd_train_entry;
extern const cmd_entry cmd_stop_entry;
extern const cmd_entry cmd_step_entry;
extern const cmd_entry cmd_eval_entry;
extern const cmd_entry cmd_predict_entry;
extern const cmd_entry cmd_gradcheck_entry;
extern const cmd_entry cmd_lrfind_entry;
extern const cmd_entry cmd_save_entry;
extern const cmd_entry cmd_load_entry;
extern const cmd_entry cmd_export_entry;

/* cmd-predict.c: the network on the rows of a CSV file.  predict_file
 * writes the predictions to out_path, or to standard output (to_stdout),
 * or shows the first rows; predict_shell is `nnlab --model M --predict F`
 * (load M, then the CSV to standard output).  0, or -1 after out_error. */
int predict_file(session *s, const char *path, const char *out_path, int to_stdout);
int predict_shell(session *s, const char *model_file, const char *csv_file);
/* cmd-sweep.c: hyper-parameter sweeps; the store of the last one's
 * curves (netlab.h) is freed with sweep_store_free (NULL allowed). */
extern const cmd_entry cmd_sweep_entry;
struct sweep_store;
void sweep_store_free(struct sweep_store *st);
/* glossary_term_hint: when words[0..n-1] (a line that is not a command)
 * are a glossary term, say "'TERM' is a glossary term: type 'define
 * TERM'" through out_error and return -1; else 0, printing nothing. */
int glossary_term_hint(session *s, const char *const *words, int n);

/* cmd-plot.c */
extern const cmd_entry cmd_plot_entry;
extern const cmd_entry cmd_layout_entry;
extern const cmd_entry cmd_focus_entry;
extern const cmd_entry cmd_scroll_entry;
extern const cmd_entry cmd_view_entry;
extern const cmd_entry cmd_log_entry;

/* cmd-attn.c, cmd-vocab.c, cmd-embed.c, cmd-rnn.c: sequences (state in
 * seqlab.h) */
extern const cmd_entry cmd_attn_entry;
extern const cmd_entry cmd_vocab_entry;
extern const cmd_entry cmd_embed_entry;
extern const cmd_entry cmd_rnn_entry;

/* cmd-mem.c, cmd-quant.c, cmd-rl.c, cmd-gd.c: large models */
extern const cmd_entry cmd_mem_entry;
extern const cmd_entry cmd_quant_entry;
extern const cmd_entry cmd_distill_entry;
extern const cmd_entry cmd_parallel_entry;
extern const cmd_entry cmd_transfer_entry;
extern const cmd_entry cmd_rl_entry;
extern const cmd_entry cmd_gd_entry;

/* Key bindings: a key, the command it runs ("" for line editing), and
 * what it does.  Ends with a zeroed entry. */
struct keybinding {
	const char *key;
	const char *command;
	const char *summary;
};
extern const struct keybinding nn_keybindings[];

#endif
