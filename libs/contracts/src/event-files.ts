/**
 * The generated events.proto files whose messages are event payloads. Every top-level message of
 * these files is registered under its name, so a message added to one of them needs no change
 * here; a new context's events.proto is one line below (a unit test fails until it is added).
 */
import type { DescFile } from '@bufbuild/protobuf';
import { file_serang_audit_v1_events } from './gen/serang/audit/v1/events_pb';
import { file_serang_catalogue_v1_events } from './gen/serang/catalogue/v1/events_pb';
import { file_serang_identity_v1_events } from './gen/serang/identity/v1/events_pb';
import { file_serang_notification_v1_events } from './gen/serang/notification/v1/events_pb';
import { file_serang_request_v1_complaint_events } from './gen/serang/request/v1/complaint_events_pb';
import { file_serang_request_v1_events } from './gen/serang/request/v1/events_pb';
import { file_serang_testing_v1_events } from './gen/serang/testing/v1/events_pb';

export const EVENT_FILES: readonly DescFile[] = [
  file_serang_audit_v1_events,
  file_serang_catalogue_v1_events,
  file_serang_identity_v1_events,
  file_serang_notification_v1_events,
  file_serang_request_v1_events,
  // Complaints: a feature of request with its own file (the events of one aggregate).
  file_serang_request_v1_complaint_events,
  file_serang_testing_v1_events,
];
