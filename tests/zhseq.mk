# tests/zhseq.mk: the sequence, plot, autoencoder and GAN commands laid
# out by display width in English with Chinese tokens and in Chinese
# (tables, notes wrapped between characters, no English plurals left).
dist_check_SCRIPTS += tests/zhseq.sh
