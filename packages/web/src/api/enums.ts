/**
 * The value lists the web offers (filters, selects, chips), each the server's own enum as the
 * generated schema carries it (openapi-typescript --enum-values): a status or kind the server adds
 * reaches the web with the next `npm run gen:api`, and one it drops no longer compiles here.
 */
import * as api from './schema.ts';

/** A nullable field's values: the list never holds null, only the field's type does. */
function present<T>(values: readonly (T | null)[]): readonly T[] {
  return values.filter((v): v is T => v !== null);
}

export const LOCALES = api.pathsApiFounderIspCreatePostRequestBodyContentApplicationJsonDefault_localeValues;
export const STAFF_ROLES = api.pathsApiIspIsp_idUsersPostRequestBodyContentApplicationJsonRoleValues;

// catalog, subscribers, aaa, vouchers
export const PLAN_PERIODS = api.pathsApiIspIsp_idPlansPostRequestBodyContentApplicationJsonBilling_periodValues;
export const SUBSCRIBER_STATUSES = api.pathsApiIspIsp_idSubscribersGetParametersQueryStatusValues;
export const NAS_VENDORS = api.pathsApiIspIsp_idNasPostRequestBodyContentApplicationJsonVendorValues;
export const VOUCHER_STATUSES = api.pathsApiIspIsp_idVouchersGetParametersQueryStatusValues;

// billing
export const INVOICE_STATUSES = api.pathsApiIspIsp_idInvoicesGetParametersQueryStatusValues;
export const TAX_KINDS = api.pathsApiIspIsp_idTaxRulesPostRequestBodyContentApplicationJsonKindValues;
export const TAX_SCOPES = api.pathsApiIspIsp_idTaxRulesPostRequestBodyContentApplicationJsonScopeValues;
export const ADDON_KINDS = api.pathsApiIspIsp_idBillingAddonsPostRequestBodyContentApplicationJsonKindValues;
export const ADDON_BILLINGS = api.pathsApiIspIsp_idBillingAddonsPostRequestBodyContentApplicationJsonBillingValues;
export const PAYMENT_STATUSES = api.pathsApiIspIsp_idPaymentsGetParametersQueryStatusValues;
export const PAYMENT_METHODS = api.pathsApiIspIsp_idPaymentsGetParametersQueryMethodValues;
/** The methods staff record by hand (a gateway payment records itself). */
export const RECORDED_PAYMENT_METHODS = api.pathsApiIspIsp_idPaymentsPostRequestBodyContentApplicationJsonMethodValues;
export const PLATFORM_PAYMENT_METHODS = api.pathsApiFounderPlatformInvoicesInvoice_idPaymentsPostRequestBodyContentApplicationJsonMethodValues;

// noc
export const SEVERITIES = api.pathsApiNocIsp_idAlertsPostRequestBodyContentApplicationJsonSeverityValues;
export const DEVICE_STATUSES = api.pathsApiNocIsp_idDevicesGetParametersQueryStatusValues;
export const DEVICE_KINDS = api.pathsApiNocIsp_idDevicesPostRequestBodyContentApplicationJsonKindValues;
export const DEVICE_VENDORS = api.pathsApiNocIsp_idDevicesPostRequestBodyContentApplicationJsonVendorValues;
export const SNMP_PRIV_PROTOCOLS = present(api.pathsApiNocIsp_idDevicesPostRequestBodyContentApplicationJsonSnmp_v3_priv_protocolAnyOf0Values);
export const ALERT_RULE_KINDS = api.pathsApiNocIsp_idAlertRulesPostRequestBodyContentApplicationJsonKindValues;
export const ALERT_RULE_MODES = present(api.pathsApiNocIsp_idAlertRulesPostRequestBodyContentApplicationJsonModeAnyOf0Values);

// support
export const TICKET_STATUSES = api.pathsApiIspIsp_idTicketsGetResponses200ContentApplicationJsonItemsStatusValues;
export const TICKET_CATEGORIES = api.pathsApiIspIsp_idTicketsPostRequestBodyContentApplicationJsonCategoryValues;
export const TICKET_PRIORITIES = api.pathsApiIspIsp_idTicketsPostRequestBodyContentApplicationJsonPriorityValues;
/** The priorities a subscriber may choose for their own ticket (urgent is the staff's call). */
export const SELF_TICKET_PRIORITIES = api.pathsApiMeTicketsPostRequestBodyContentApplicationJsonPriorityValues;
export const SNMP_AUTH_PROTOCOLS = present(api.pathsApiNocIsp_idDevicesPostRequestBodyContentApplicationJsonSnmp_v3_auth_protocolAnyOf0Values);
export const SNMP_LEVELS = present(api.pathsApiNocIsp_idDevicesPostRequestBodyContentApplicationJsonSnmp_v3_levelAnyOf0Values);

// aaa: the operators of a RADIUS check item
export const CHECK_OPS = api.pathsApiIspIsp_idPlansPostRequestBodyContentApplicationJsonRadius_checkOpValues;
