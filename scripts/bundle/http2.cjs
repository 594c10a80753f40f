// `node:http2` for undici inside the bundle. undici reads a few protocol constants when it
// loads and uses HTTP/2 only when a client asks for it, which this CLI never does; loading
// node:http2 (and TLS with it) cost a tenth of every API command's start. The constants are
// HTTP/2's own (RFC 9113); anything else loads the real module.
const constants = {
  HTTP2_HEADER_AUTHORITY: ':authority',
  HTTP2_HEADER_METHOD: ':method',
  HTTP2_HEADER_PATH: ':path',
  HTTP2_HEADER_SCHEME: ':scheme',
  HTTP2_HEADER_CONTENT_LENGTH: 'content-length',
  HTTP2_HEADER_EXPECT: 'expect',
  HTTP2_HEADER_STATUS: ':status',
  HTTP2_HEADER_PROTOCOL: ':protocol',
  NGHTTP2_REFUSED_STREAM: 7,
  NGHTTP2_CANCEL: 8,
};

module.exports = new Proxy(
  { constants },
  { get: (target, key) => (key === 'constants' ? target.constants : require('node:http2')[key]) },
);
