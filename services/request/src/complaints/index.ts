/**
 * Complaints (pengaduan): what the rest of request may import. request.module.ts imports the
 * module and names the stream category on its bus; nothing else of request needs the details.
 */
export { ComplaintsModule } from './complaints.module';

/** The event-store category of complaint streams (`complaint-<id>`): request owns and projects it. */
export const COMPLAINT_CATEGORIES = ['complaint'] as const;
