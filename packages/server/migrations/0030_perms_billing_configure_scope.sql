-- ISP-wide billing configuration (billing settings, tax rules, exchange rates, the coupon and
-- add-on catalogues, payment gateways, dunning, billing runs) moved from billing:manage to its
-- own permission, billing:configure, which branch managers do not have. An API key is made by
-- an ISP administrator, who chose billing:manage when it still meant both: existing keys keep
-- what they could do. New keys are given billing:configure only when asked for.
UPDATE api_keys SET scopes = array_append(scopes, 'billing:configure')
WHERE 'billing:manage' = ANY (scopes) AND NOT 'billing:configure' = ANY (scopes);
