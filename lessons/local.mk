# lessons/local.mk
