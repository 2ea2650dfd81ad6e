#include "core/writer/MarksFile.h"

#include "core/io/Paths.h"
#include "core/mp4/Sidecar.h"

#include <QFile>
#include <QFileInfo>

#include <optional>

namespace tapedeck {
namespace {

// A title is one field of one line: backslash, tab, CR and LF are escaped.
QByteArray escapeTitle(const QString &title)
{
    QByteArray out;
    const QByteArray utf8 = title.toUtf8();
    out.reserve(utf8.size());
    for (char c : utf8) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::optional<QString> unescapeTitle(const QByteArray &in)
{
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c != '\\') {
            out += c;
            continue;
        }
        if (++i >= in.size())
            return std::nullopt;
        switch (in[i]) {
        case '\\':
            out += '\\';
            break;
        case 't':
            out += '\t';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        default:
            return std::nullopt;
        }
    }
    return QString::fromUtf8(out);
}

const char *kindName(MarkKind k) { return k == MarkKind::Gap ? "gap" : "marker"; }

std::optional<Mark> parseLine(const QByteArray &line)
{
    const qsizetype lastTab = line.lastIndexOf('\t');
    if (lastTab < 0 || line.size() - lastTab - 1 != 8)
        return std::nullopt;
    bool ok = false;
    const quint32 crc = line.mid(lastTab + 1).toUInt(&ok, 16);
    const QByteArray body = line.left(lastTab);
    if (!ok || mp4::crc32(body.constData(), body.size()) != crc)
        return std::nullopt;
    const qsizetype t1 = body.indexOf('\t');
    if (t1 <= 0)
        return std::nullopt;
    const qsizetype t2 = body.indexOf('\t', t1 + 1);
    if (t2 < 0)
        return std::nullopt;
    Mark m;
    const QByteArray at = body.left(t1);
    // Digits only: toLongLong() would take "+5" or " 5" as well.
    for (char c : at)
        if (c < '0' || c > '9')
            return std::nullopt;
    m.atMs = at.toLongLong(&ok);
    if (!ok || m.atMs < 0)
        return std::nullopt;
    const QByteArray kind = body.mid(t1 + 1, t2 - t1 - 1);
    if (kind == "gap")
        m.kind = MarkKind::Gap;
    else if (kind == "marker")
        m.kind = MarkKind::Marker;
    else
        return std::nullopt; // a kind a later version adds: not ours to guess
    auto title = unescapeTitle(body.mid(t2 + 1));
    if (!title)
        return std::nullopt;
    m.title = *title;
    return m;
}

} // namespace

QString marksPathFor(const QString &mediaPath) { return mediaPath + QLatin1String(kMarksSuffix); }

QString mediaPathForMarks(const QString &path)
{
    if (!path.endsWith(QLatin1String(kMarksSuffix)))
        return {};
    const QString media = path.chopped(int(qstrlen(kMarksSuffix)));
    const QString lower = media.toLower();
    if (!lower.endsWith(QLatin1String(".ts")) && !lower.endsWith(QLatin1String(".flv")))
        return {};
    if (QFileInfo(media).completeBaseName().isEmpty())
        return {};
    return media;
}

QByteArray encodeMarkLine(const Mark &m)
{
    QByteArray body = QByteArray::number(std::max<qint64>(0, m.atMs));
    body += '\t';
    body += kindName(m.kind);
    body += '\t';
    body += escapeTitle(m.title);
    const quint32 crc = mp4::crc32(body.constData(), body.size());
    body += '\t';
    body += QByteArray::number(crc, 16).rightJustified(8, '0');
    body += '\n';
    return body;
}

std::vector<Mark> parseMarks(const QByteArray &bytesIn)
{
    std::vector<Mark> out;
    const QByteArray all = bytesIn.left(kMarksMaxBytes);
    qsizetype pos = 0;
    bool first = true;
    while (pos < all.size()) {
        const qsizetype nl = all.indexOf('\n', pos);
        if (nl < 0)
            break; // a torn last line: it was being written
        const QByteArray line = all.mid(pos, nl - pos);
        pos = nl + 1;
        if (first) {
            if (line != kMarksHeader)
                return out; // not a marks file (or a version this one cannot read)
            first = false;
            continue;
        }
        if (auto m = parseLine(line))
            out.push_back(std::move(*m));
    }
    return out;
}

std::vector<Mark> readMarks(const QString &marksPath)
{
    QFile f(marksPath);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return parseMarks(f.read(kMarksMaxBytes));
}

Status MarksWriter::append(const Mark &m)
{
    if (!m_file.isOpen()) {
        // A marks file of an earlier recording of the same name (its media
        // file is gone or was replaced) describes nothing of this one.
        auto f = OutputFile::open(m_path, CreateMode::Truncate);
        if (!f)
            return f.error();
        m_file = std::move(*f);
        const QByteArray header = QByteArray(kMarksHeader) + '\n';
        if (auto s = m_file.write(header.constData(), header.size()); !s)
            return s;
        // Its name must survive a power cut as surely as its lines.
        if (auto s = syncDirectory(QFileInfo(m_path).absolutePath()); !s)
            return s;
    }
    const QByteArray line = encodeMarkLine(m);
    if (auto s = m_file.write(line.constData(), line.size()); !s)
        return s;
    if (auto s = m_file.sync(); !s)
        return s;
    ++m_count;
    return {};
}

} // namespace tapedeck
