# lessons/local.mk

# Training texts of the sequence commands (rnn, embed, vocab): small texts
# about neural networks, so every demo works offline.
textsdir = $(pkgdatadir)/lessons/texts
dist_texts_DATA = \
	lessons/texts/networks.txt \
	lessons/texts/training.txt \
	lessons/texts/language.txt \
	lessons/texts/history.txt \
	lessons/texts/zh-networks.txt

# The lessons (nnlab-lesson(5)); tests/shipped-lessons.sh runs each one unattended.
lessonsdir = $(pkgdatadir)/lessons
dist_lessons_DATA = \
	lessons/01-training.lesson \
	lessons/02-learning-rate.lesson \
	lessons/03-batch-size.lesson \
	lessons/04-gradient-descent.lesson \
	lessons/05-memory-rnn.lesson \
	lessons/06-perplexity.lesson \
	lessons/07-embeddings.lesson \
	lessons/08-self-attention.lesson \
	lessons/09-transformer.lesson \
	lessons/10-gpu-memory.lesson \
	lessons/11-number-formats.lesson \
	lessons/12-fine-tuning.lesson \
	lessons/13-kinds-of-learning.lesson

# The lessons in Chinese: each lessons/zh/NAME.lesson is the twin of
# lessons/NAME.lesson (same steps, commands and checks), used in Chinese mode.
zhlessonsdir = $(pkgdatadir)/lessons/zh
dist_zhlessons_DATA = \
	lessons/zh/01-training.lesson \
	lessons/zh/02-learning-rate.lesson \
	lessons/zh/03-batch-size.lesson \
	lessons/zh/04-gradient-descent.lesson \
	lessons/zh/05-memory-rnn.lesson \
	lessons/zh/06-perplexity.lesson \
	lessons/zh/07-embeddings.lesson \
	lessons/zh/08-self-attention.lesson \
	lessons/zh/09-transformer.lesson \
	lessons/zh/10-gpu-memory.lesson \
	lessons/zh/11-number-formats.lesson \
	lessons/zh/12-fine-tuning.lesson \
	lessons/zh/13-kinds-of-learning.lesson
