/**
 * One accounting request as the AAA server decoded it: what the journal stores and the writer
 * applies (a type of its own, so neither of the two imports the other for it).
 */
export type AcctRecord = {
  ispId: string;
  nasId: string;
  nasIp: string;
  subscriberId: string | null;
  username: string;
  statusType: 'Start' | 'Interim-Update' | 'Stop';
  acctSessionId: string;
  uniqueId: string;
  nasPort: number | null;
  nasPortId: string | null;
  nasPortType: string | null;
  framedIp: string | null;
  framedIpv6Prefix: string | null;
  callingStationId: string | null;
  calledStationId: string | null;
  serviceType: string | null;
  sessionTime: number;
  inputOctets: number;
  outputOctets: number;
  terminateCause: string | null;
  interimInterval: number | null;
  className: string | null;
  at: Date;
};
