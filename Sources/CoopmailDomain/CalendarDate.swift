// `CalendarDate` lives in CoopmailText, beside the French date spellings that read it; every module that imports
// CoopmailDomain sees it as before.
@_exported import struct CoopmailText.CalendarDate
