import type { BuiltinDictionary } from './builtin-types.ts';
import { ciscoDictionaries } from './cisco.ts';
import { hotspotDictionaries } from './hotspot.ts';
import { huaweiDictionaries } from './huawei.ts';
import { juniperDictionaries } from './juniper.ts';
import { microsoftDictionaries } from './microsoft.ts';
import { mikrotikDictionaries } from './mikrotik.ts';
import { rfcBaseDictionaries } from './rfc-base.ts';
import { rfcIpv6CoaDictionaries } from './rfc-ipv6-coa.ts';
import { rfcLaterDictionaries } from './rfc-later.ts';
import { ubiquitiDictionaries } from './ubiquiti.ts';

export type { BuiltinDictionary } from './builtin-types.ts';

/** Every built-in file, in load order: RFC attributes first, then vendors. */
export const BUILTIN_DICTIONARIES: readonly BuiltinDictionary[] = [
  ...rfcBaseDictionaries,
  ...rfcIpv6CoaDictionaries,
  ...rfcLaterDictionaries,
  ...mikrotikDictionaries,
  ...microsoftDictionaries,
  ...ciscoDictionaries,
  ...juniperDictionaries,
  ...huaweiDictionaries,
  ...hotspotDictionaries,
  ...ubiquitiDictionaries,
];
