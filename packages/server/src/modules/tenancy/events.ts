import type { ChangeImage } from '../../platform/events/domain-events.ts';
import type { ispToDto } from './isps.service.ts';

type IspDto = ReturnType<typeof ispToDto>;

/** The tenancy module's events: name → payload. */
declare module '../../platform/events/domain-events.ts' {
  interface DomainEvents {
    'isp.created': IspDto;
    'isp.updated': IspDto;
    'isp.resumed': { status: string };
    'isp.suspended': { status: string };
    'isp.terminated': { status: string };
    'branch.created': ChangeImage;
    'branch.updated': ChangeImage;
    'branch.deleted': ChangeImage;
  }
}
