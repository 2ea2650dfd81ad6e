#pragma once
// Credential redaction. Every URL Tapedeck prints, shows or stores passes
// through here: user:password, RTMP stream keys, SRT passphrases and
// token-like query parameters are replaced by "***".

#include <QString>

namespace tapedeck {

// Redacts one URL (or a local path, which is returned unchanged).
QString redactUrl(const QString &url);

// Redacts every URL-looking substring in free text (log lines, FFmpeg
// messages, error strings), the values of well-known secret fields
// ("passphrase=…", "password: …") and the registered secrets.
QString redactText(const QString &text);

// True when the URL carries something redactUrl() would hide.
bool urlHasSecrets(const QString &url);

// Remembers the secret parts of a URL that is about to be opened, so that
// redactText() also scrubs them where they appear outside a URL (a library
// that logs "app=live key=..." for instance).
// Secrets of 8 characters or more are scrubbed wherever they appear; shorter
// ones (an RTMP key such as "multi" is also a word) only as a whole token in
// a value's place (after '=', ':', '/', a quote), never in prose.
void registerSecretsOf(const QString &url);

// An output path the user chose: printed as it is, even where one of its
// folder or file names equals a registered secret. Free text outside such
// paths is scrubbed as before; URLs are always redacted.
void registerUserPath(const QString &path);

} // namespace tapedeck
