#pragma once
// Credential redaction. Every URL Tapedeck prints, shows or stores passes
// through here: user:password, RTMP stream keys, SRT passphrases and
// token-like query parameters are replaced by "***".

#include <QString>

namespace tapedeck {

// Redacts one URL (or a local path, which is returned unchanged).
QString redactUrl(const QString &url);

// Redacts every URL-looking substring in free text (log lines, FFmpeg
// messages, error strings).
QString redactText(const QString &text);

// True when the URL carries something redactUrl() would hide.
bool urlHasSecrets(const QString &url);

// Remembers the secret parts of a URL that is about to be opened, so that
// redactText() also scrubs them where they appear outside a URL (a library
// that logs "app=live key=..." for instance).
void registerSecretsOf(const QString &url);

} // namespace tapedeck
