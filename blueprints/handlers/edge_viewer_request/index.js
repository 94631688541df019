'use strict';

// CloudFront Lambda@Edge viewer-request blueprint: rewrites requests for a directory to the
// directory's index document, so an origin that serves only objects (an S3 bucket behind
// origin access control) answers "/docs/" and "/docs" with "/docs/index.html". The rewrite
// happens before the cache lookup, so every spelling shares one cache entry.

const INDEX = 'index.html';

// rewrite returns the URI the origin should serve for uri.
function rewrite(uri) {
  if (uri === '' || uri.endsWith('/')) {
    return `${uri || '/'}${INDEX}`;
  }
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  return last.includes('.') ? uri : `${uri}/${INDEX}`;
}

async function handler(event) {
  const { request } = event.Records[0].cf;
  const uri = rewrite(request.uri);
  if (uri !== request.uri) {
    console.log(JSON.stringify({ from: request.uri, to: uri }));
    request.uri = uri;
  }
  return request;
}

module.exports = { handler, rewrite };
