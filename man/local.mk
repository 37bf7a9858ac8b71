# man/: nnlab(1), and the file formats in section 5.
dist_man_MANS += man/nnlab.1 man/nnlab-lesson.5 man/nnlab-glossary.5 man/nnlab-formats.5
