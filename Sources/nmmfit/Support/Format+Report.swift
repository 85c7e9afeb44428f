import Report

/// Table formatting lives in the library (Report's ``Report/Format``); this name keeps every
/// command file that does not import Report working.
typealias Format = Report.Format
