# man/: nnlab(1), and the file formats in section 5.
dist_man_MANS += man/nnlab.1
