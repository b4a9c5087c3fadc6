/**
 * The tenancy module: ISPs and their branch trees. The lowest module: it knows no other.
 */
import type { ModuleDefinition } from '../../platform/module.ts';
import { registerFounderRoutes } from './founder.routes.ts';
import { registerIspRoutes } from './isp.routes.ts';
// The module's events (an augmentation of DomainEvents): part of every program that uses the module.
import type {} from './events.ts';

export const tenancyModule: ModuleDefinition = {
  name: 'tenancy',
  roles: ['api'],
  routes: [registerFounderRoutes, registerIspRoutes],
};

export { isps, branches, type IspRow, type BranchRow } from './schema.ts';
export { ispToDto, getIsp, insertIsp, type IspFields } from './isps.service.ts';
export { createIspBody, ispDto, locales, type CreateIspInput, type UpdateIspInput } from './isps.schemas.ts';
export { branchDto, createBranch, getBranch } from './branches.service.ts';
export { branchDirectory } from './branch-directory.ts';
