"""Job + facts → Document: the contract and the letters."""
