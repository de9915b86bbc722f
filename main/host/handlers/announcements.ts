import type { Handlers } from '../host';
import type { Announcer } from '../../announce/announcer';

export function announcementHandlers(announcer: Announcer): Pick<Handlers, 'getAnnouncements' | 'postAnnouncement' | 'retryAnnouncement' | 'setSlackWebhook'> {
  return {
    getAnnouncements: ({ releaseId }) => announcer.view(releaseId),
    postAnnouncement: ({ releaseId, channel, kind }) => announcer.post(releaseId, channel, kind),
    retryAnnouncement: ({ releaseId, index }) => announcer.retry(releaseId, index),
    setSlackWebhook: ({ entry, url }) => announcer.setWebhook(entry, url),
  };
}
