#include "core/base/Redact.h"

#include <QRegularExpression>
#include <QSet>
#include <QStringList>
#include <QUrlQuery>

#include <algorithm>
#include <mutex>
#include <vector>

namespace tapedeck {
namespace {

const QString kMask = QStringLiteral("***");

bool isSecretParam(const QString &name)
{
    const QString n = name.toLower();
    static const QStringList exact = {
        QStringLiteral("pass"),     QStringLiteral("pwd"),  QStringLiteral("sig"), QStringLiteral("st"),
        QStringLiteral("streamid"), QStringLiteral("auth"), QStringLiteral("key"),
    };
    static const QStringList contains = {
        QStringLiteral("password"), QStringLiteral("passwd"),    QStringLiteral("passphrase"),
        QStringLiteral("token"),    QStringLiteral("secret"),    QStringLiteral("apikey"),
        QStringLiteral("api_key"),  QStringLiteral("signature"), QStringLiteral("credential"),
        QStringLiteral("session"),  QStringLiteral("streamkey"), QStringLiteral("stream_key"),
    };
    if (exact.contains(n))
        return true;
    for (const QString &c : contains)
        if (n.contains(c))
            return true;
    return n.endsWith(QStringLiteral("key")) || n.startsWith(QStringLiteral("auth"));
}

bool isRtmp(const QString &scheme) { return scheme.startsWith(QStringLiteral("rtmp")); }

// Splits "scheme://authority/path?query#frag" by hand: QUrl normalises and
// percent-decodes, and a redactor must never change what it does not hide.
struct UrlParts {
    QString scheme, userinfo, hostport, path, query, fragment;
    bool valid = false;
};

UrlParts split(const QString &url)
{
    UrlParts p;
    const int schemeEnd = url.indexOf(QStringLiteral("://"));
    if (schemeEnd <= 0)
        return p;
    p.scheme = url.left(schemeEnd);
    for (QChar c : p.scheme)
        if (!(c.isLetterOrNumber() || c == u'+' || c == u'.' || c == u'-'))
            return p;
    QString rest = url.mid(schemeEnd + 3);
    const int hash = rest.indexOf(u'#');
    if (hash >= 0) {
        p.fragment = rest.mid(hash + 1);
        rest.truncate(hash);
    }
    const int q = rest.indexOf(u'?');
    if (q >= 0) {
        p.query = rest.mid(q + 1);
        rest.truncate(q);
    }
    const int slash = rest.indexOf(u'/');
    QString authority = slash >= 0 ? rest.left(slash) : rest;
    p.path = slash >= 0 ? rest.mid(slash) : QString();
    const int at = authority.lastIndexOf(u'@');
    if (at >= 0) {
        p.userinfo = authority.left(at);
        authority = authority.mid(at + 1);
    }
    p.hostport = authority;
    p.valid = true;
    return p;
}

QString redactQuery(const QString &query, QStringList *secrets)
{
    if (query.isEmpty())
        return query;
    QStringList items = query.split(u'&');
    for (QString &item : items) {
        const int eq = item.indexOf(u'=');
        if (eq < 0)
            continue;
        if (isSecretParam(item.left(eq)) && eq + 1 < item.size()) {
            if (secrets)
                *secrets << item.mid(eq + 1);
            item = item.left(eq + 1) + kMask;
        }
    }
    return items.join(u'&');
}

UrlParts redactParts(UrlParts p, QStringList *secrets)
{
    if (!p.userinfo.isEmpty()) {
        const int colon = p.userinfo.indexOf(u':');
        if (colon >= 0) {
            if (secrets)
                *secrets << p.userinfo.mid(colon + 1);
            p.userinfo = p.userinfo.left(colon + 1) + kMask;
        } else {
            // A bare userinfo is often a token (rtmp://TOKEN@host).
            if (secrets)
                *secrets << p.userinfo;
            p.userinfo = kMask;
        }
    }
    if (isRtmp(p.scheme)) {
        // rtmp://host/app/STREAMKEY: everything after the application name
        // is the stream key (or play path), which publishers treat as secret.
        const int second = p.path.indexOf(u'/', 1);
        if (second > 0 && second + 1 < p.path.size()) {
            if (secrets)
                *secrets << p.path.mid(second + 1);
            p.path = p.path.left(second + 1) + kMask;
        }
    }
    p.query = redactQuery(p.query, secrets);
    return p;
}

QString join(const UrlParts &p)
{
    QString out = p.scheme + QStringLiteral("://");
    if (!p.userinfo.isEmpty())
        out += p.userinfo + u'@';
    out += p.hostport + p.path;
    if (!p.query.isEmpty())
        out += u'?' + p.query;
    if (!p.fragment.isEmpty())
        out += u'#' + p.fragment;
    return out;
}

std::mutex &secretsMutex()
{
    static std::mutex m;
    return m;
}

QSet<QString> &knownSecrets()
{
    static QSet<QString> s;
    return s;
}

QSet<QString> &userPaths()
{
    static QSet<QString> s;
    return s;
}

} // namespace

QString redactUrl(const QString &url)
{
    const UrlParts p = split(url);
    if (!p.valid)
        return url;
    return join(redactParts(p, nullptr));
}

bool urlHasSecrets(const QString &url) { return redactUrl(url) != url; }

void registerSecretsOf(const QString &url)
{
    const UrlParts p = split(url);
    if (!p.valid)
        return;
    QStringList secrets;
    redactParts(p, &secrets);
    std::lock_guard lock(secretsMutex());
    for (const QString &s : std::as_const(secrets)) {
        if (s.size() < 4 || s == kMask)
            continue; // too short to scrub from free text without mangling it
        knownSecrets().insert(s);
        const QString decoded = QUrl::fromPercentEncoding(s.toUtf8());
        if (decoded.size() >= 4)
            knownSecrets().insert(decoded);
    }
}

void registerUserPath(const QString &path)
{
    if (path.size() < 2)
        return;
    std::lock_guard lock(secretsMutex());
    userPaths().insert(path);
}

namespace {

bool isTokenChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'-' || c == u'.' || c == u'~' || c == u'%';
}

// A short secret ("multi", "live1") is also an everyday word: it is scrubbed
// only as a whole token standing where a value stands (after '=', ':', '/',
// '@' or a quote, spaces allowed after '=' and ':'), never in prose.
bool shortSecretContext(const QString &text, qsizetype at)
{
    qsizetype i = at - 1;
    while (i >= 0 && text[i] == u' ')
        --i;
    if (i < 0)
        return false;
    const QChar c = text[i];
    if (c == u'=' || c == u':')
        return true;
    if (i != at - 1)
        return false; // spaces between: only after '=' or ':'
    return c == u'/' || c == u'@' || c == u'\'' || c == u'"';
}

// Values of well-known secret fields in free text ("passphrase=...",
// "password: ..."), whatever registered or not.
const QRegularExpression &secretFieldRe()
{
    static const QRegularExpression re(
        QStringLiteral(
            R"((?<![A-Za-z0-9_])((?:stream_?key|passphrase|password|passwd|pwd|api_?key|access_token|token|secret)\s*[=:]\s*)([^\s&'",;]+))"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

} // namespace

QString redactText(const QString &text)
{
    static const QRegularExpression urlRe(QStringLiteral(R"([A-Za-z][A-Za-z0-9+.\-]*://[^\s'"<>`]+)"));
    QString out;
    out.reserve(text.size());
    qsizetype last = 0;
    auto it = urlRe.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        out += redactUrl(m.captured());
        last = m.capturedEnd();
    }
    out += QStringView(text).mid(last);
    out.replace(secretFieldRe(), QStringLiteral("\\1") + kMask);

    std::lock_guard lock(secretsMutex());
    if (knownSecrets().isEmpty())
        return out;
    // The user's own output paths are printed as they are, even when a
    // registered secret happens to be one of their words (a folder named
    // like the stream key): those spans are left alone.
    std::vector<bool> kept(size_t(out.size()), false);
    for (const QString &path : std::as_const(userPaths())) {
        for (qsizetype at = out.indexOf(path); at >= 0; at = out.indexOf(path, at + 1))
            std::fill(kept.begin() + at, kept.begin() + at + path.size(), true);
    }
    struct Span {
        qsizetype at, len;
    };
    std::vector<Span> spans;
    for (const QString &secret : std::as_const(knownSecrets())) {
        const bool isShort = secret.size() < 8;
        for (qsizetype at = out.indexOf(secret); at >= 0; at = out.indexOf(secret, at + 1)) {
            const qsizetype end = at + secret.size();
            if (std::find(kept.begin() + at, kept.begin() + end, true) != kept.begin() + end)
                continue;
            if (isShort) {
                const bool whole =
                    (at == 0 || !isTokenChar(out[at - 1])) && (end >= out.size() || !isTokenChar(out[end]));
                if (!whole || !shortSecretContext(out, at))
                    continue;
            }
            spans.push_back({at, secret.size()});
        }
    }
    if (spans.empty())
        return out;
    std::sort(spans.begin(), spans.end(), [](const Span &a, const Span &b) { return a.at < b.at; });
    QString result;
    qsizetype pos = 0;
    for (const Span &sp : spans) {
        if (sp.at >= pos) {
            result += QStringView(out).mid(pos, sp.at - pos);
            result += kMask;
            pos = sp.at + sp.len;
        } else {
            pos = std::max(pos, sp.at + sp.len); // overlaps a span already masked
        }
    }
    result += QStringView(out).mid(pos);
    return result;
}

} // namespace tapedeck
