/** The channel adapters: how the gateway hands a message to a partner. Only plain HTTP exists yet. */
export {
  createHttpChannel,
  DEFAULT_TIMEOUT_MS,
  HttpChannel,
  MESSAGE_ID_HEADER,
  MESSAGE_NAME_HEADER,
  XML_CONTENT_TYPE,
  type DeliveryPayload,
  type DeliveryReceipt,
  type HttpChannelOptions,
} from './http.js';
export { CHANNEL_ERRORS, ChannelError, isChannelError, type ChannelErrorCode } from './errors.js';
