// CoopmailOutcome
