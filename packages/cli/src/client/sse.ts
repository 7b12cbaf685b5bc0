/** The console's Server-Sent Events reader lives beside hotpath's text helpers, shared with the dashboard. */
export { SseParser } from 'hotpath/text';
