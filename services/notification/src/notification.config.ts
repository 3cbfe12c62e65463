import { platformConfigSchema } from '@serang/platform';
import { z } from 'zod';

/** What notification reads from its environment, on top of every service's variables. */
export const notificationConfigSchema = platformConfigSchema.extend({
  /**
   * The app's origin the deep links of notifications start from: a citizen's message links to
   * `<base>/applications/<id>`, a staff message to `<base>/agency/applications/<id>`.
   */
  NOTIFICATION_LINK_BASE: z
    .string()
    .default('http://127.0.0.1:4000')
    .refine((v) => {
      try {
        return ['http:', 'https:'].includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, 'must be an http(s) URL'),
});
export type NotificationConfig = z.infer<typeof notificationConfigSchema>;
