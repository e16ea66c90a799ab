/**
 * The challenge of a 401 (RFC 6750): names the Bearer scheme and says where the key comes from,
 * so a client such as MCP Inspector asks for a key instead of starting an OAuth discovery.
 */
export function bearerChallenge(error?: 'invalid_token'): string {
  const code = error ? `, error="${error}"` : '';
  return `Bearer realm="paperrun"${code}, error_description="send an API key as Authorization: Bearer prk_...; this server has no OAuth"`;
}
