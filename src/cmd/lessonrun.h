/* lessonrun.h - what the front ends need of the lesson runner. */
#ifndef NN_CMD_LESSONRUN_H
#define NN_CMD_LESSONRUN_H

#include "cmd/session.h"
#include "util/strbuf.h"

/* lesson_run_file: start the lesson in path (--lesson), or validate and
 * run it unattended with its own answers (--check-lesson); -1 on errors or
 * failed checks. */
int lesson_run_file(session *s, const char *path, int unattended);
/* lesson_active: whether a lesson is in progress (Enter means `next`). */
int lesson_active(session *s);
/* lesson_step_text: the current step's heading ("TITLE - step 2 of 7")
 * and narrative (wrapped at width, with what to type or answer) appended
 * to title and text, for the workspace's view pane.  Returns a number
 * that changes whenever the step or its state does, or -1 when no lesson
 * is running. */
long lesson_step_text(session *s, int width, strbuf *title, strbuf *text);
/* lesson_free_state: end the lesson in progress (at exit). */
void lesson_free_state(session *s);

#endif
