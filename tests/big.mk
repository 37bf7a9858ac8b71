# tests/big.mk
