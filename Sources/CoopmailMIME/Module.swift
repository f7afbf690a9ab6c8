// CoopmailMIME
