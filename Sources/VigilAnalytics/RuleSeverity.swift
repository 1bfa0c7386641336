import VigilCore

/// How urgent a rule's alert is: the same four levels an alert has.
public typealias RuleSeverity = AlertSeverity
