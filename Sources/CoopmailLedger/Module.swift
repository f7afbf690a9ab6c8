// CoopmailLedger
