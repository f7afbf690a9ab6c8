// CoopmailClassification
