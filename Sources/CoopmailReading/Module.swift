// CoopmailReading
