# glossary/local.mk
