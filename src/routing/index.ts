/** Routing: the parties we represent, the partners we exchange with, API keys and who may see what. */
export { canSee, canSubmit, type Principal, type VisibleMessage } from './access.js';
export { authenticate, bearerToken, generateApiKey, hashApiKey, API_KEY_PREFIX } from './api-keys.js';
export {
  addressOf,
  isMessageNumber,
  messageRole,
  messagesReceivedBy,
  MESSAGE_NUMBERS,
  type AddressedMessage,
  type Addressing,
  type MessageRole,
} from './catalogue.js';
export {
  createRouter,
  type InboundRoute,
  type OutboundRoute,
  type Router,
  type Unroutable,
  type UnroutableReason,
} from './router.js';
export { Secret } from './secret.js';
export {
  DEMO_ROUTES_FILE,
  loadRoutingTable,
  parseRoutingTable,
  RoutingTableError,
  type ApiKeyEntry,
  type BackOfficeRoute,
  type ChannelEndpoint,
  type DeliveryOverrides,
  type Destination,
  type HeaderSecret,
  type ParseOptions,
  type Party,
  type Partner,
  type RoutingTable,
} from './table.js';
