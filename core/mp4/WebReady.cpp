#include "core/mp4/WebReady.h"
#include "core/mp4/ByteWriter.h"

#include "core/base/Log.h"
#include "core/io/FileLock.h"
#include "core/io/Paths.h"

#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>

#include <vector>

namespace tapedeck::mp4 {

namespace {

// The header is read into memory: far more than any moov of a recording
// (a day at 60 fps is about 200 MB of index at most).
constexpr quint64 kMaxMoovBytes = 512ULL * 1024 * 1024;
constexpr qint64 kCopyBlock = 4 * 1024 * 1024;

struct TopBox {
    QByteArray type;
    quint64 offset = 0;
    quint64 size = 0;      // header included
    quint64 newOffset = 0; // where it goes in the web-ready file
};

quint64 be(const char *p, int n)
{
    quint64 v = 0;
    for (int i = 0; i < n; ++i)
        v = (v << 8) | quint8(p[i]);
    return v;
}

Error corrupt(const QString &path, const QString &why)
{
    return makeError(ErrorCode::Corrupt,
                     QStringLiteral("%1 is not a complete MP4 (%2)").arg(QFileInfo(path).fileName(), why));
}

// The top-level boxes; every byte of the file must belong to one.
Result<std::vector<TopBox>> topBoxes(const InputFile &f, const QString &path)
{
    std::vector<TopBox> out;
    const quint64 end = quint64(f.size());
    quint64 off = 0;
    while (off < end) {
        const QByteArray h = f.readAt(qint64(off), 16);
        if (h.size() < 8)
            return corrupt(path, QStringLiteral("a box header is cut off at byte %1").arg(off));
        TopBox b;
        b.offset = off;
        b.type = h.mid(4, 4);
        b.size = be(h.constData(), 4);
        quint64 header = 8;
        if (b.size == 1) {
            if (h.size() < 16)
                return corrupt(path, QStringLiteral("a box header is cut off at byte %1").arg(off));
            b.size = be(h.constData() + 8, 8);
            header = 16;
        } else if (b.size == 0) {
            b.size = end - off; // "to the end of the file"
        }
        if (b.size < header || b.size > end - off)
            return corrupt(
                path,
                QStringLiteral("box '%1' at byte %2 runs past the end").arg(QString::fromLatin1(b.type)).arg(off));
        off += b.size;
        out.push_back(b);
    }
    return out;
}

// Where an old file position lands in the new layout; false when it is in
// no box that is copied (the header itself, padding).
bool mapOffset(const std::vector<TopBox> &kept, quint64 old, quint64 *mapped)
{
    for (const TopBox &b : kept)
        if (old >= b.offset && old - b.offset < b.size) {
            *mapped = b.newOffset + (old - b.offset);
            return true;
        }
    return false;
}

bool isContainer(const QByteArray &t)
{
    return t == "moov" || t == "trak" || t == "mdia" || t == "minf" || t == "stbl";
}

// The moov with every chunk offset moved to the new layout. A 32-bit table
// (stco) whose offsets no longer fit becomes a 64-bit one (co64).
Result<QByteArray> rewriteBox(const QByteArray &in, const std::vector<TopBox> &kept, const QString &path)
{
    BoxWriter w;
    qsizetype pos = 0;
    while (pos < in.size()) {
        if (in.size() - pos < 8)
            return corrupt(path, QStringLiteral("a header box is cut off"));
        quint64 size = be(in.constData() + pos, 4);
        const QByteArray type = in.mid(pos + 4, 4);
        qsizetype header = 8;
        if (size == 1) {
            if (in.size() - pos < 16)
                return corrupt(path, QStringLiteral("a header box is cut off"));
            size = be(in.constData() + pos + 8, 8);
            header = 16;
        } else if (size == 0) {
            size = quint64(in.size() - pos);
        }
        if (size < quint64(header) || size > quint64(in.size() - pos))
            return corrupt(path, QStringLiteral("header box '%1' runs past its parent").arg(QString::fromLatin1(type)));
        const QByteArray body = in.mid(pos + header, qsizetype(size) - header);
        if (isContainer(type)) {
            auto inner = rewriteBox(body, kept, path);
            if (!inner)
                return inner.error();
            w.begin(type.constData());
            w.bytes(*inner);
            w.end();
        } else if (type == "stco" || type == "co64") {
            const bool wide = type == "co64";
            if (body.size() < 8)
                return corrupt(path, QStringLiteral("a chunk offset table is cut off"));
            const quint64 count = be(body.constData() + 4, 4);
            const int entry = wide ? 8 : 4;
            if (quint64(body.size() - 8) / quint64(entry) < count)
                return corrupt(path, QStringLiteral("a chunk offset table is cut off"));
            std::vector<quint64> offsets(count);
            bool fits32 = true;
            for (quint64 i = 0; i < count; ++i) {
                const quint64 old = be(body.constData() + 8 + qsizetype(i) * entry, entry);
                if (!mapOffset(kept, old, &offsets[i]))
                    return corrupt(path, QStringLiteral("a chunk starts at byte %1, outside the media").arg(old));
                fits32 = fits32 && offsets[i] <= 0xFFFFFFFFULL;
            }
            const bool outWide = wide || !fits32;
            w.beginFull(outWide ? "co64" : "stco", 0, 0);
            w.u32(quint32(count));
            for (quint64 o : offsets)
                outWide ? w.u64(o) : w.u32(quint32(o));
            w.end();
        } else {
            w.bytes(in.mid(pos, qsizetype(size)));
        }
        pos += qsizetype(size);
    }
    return w.take();
}

struct Plan {
    std::vector<TopBox> kept; // in the new order, the moov's place excluded
    QByteArray moov;          // rewritten
    int moovBefore = 0;       // the moov goes before kept[moovBefore]
    quint64 total = 0;
};

// Boxes before the first mdat, then the moov, then the rest; free/skip
// padding (the room that was too small) is left out.
Result<Plan> planLayout(const std::vector<TopBox> &boxes, const QByteArray &moov, const QString &path)
{
    Plan p;
    bool seenMdat = false;
    for (const TopBox &b : boxes) {
        if (b.type == "moov" || b.type == "free" || b.type == "skip")
            continue;
        if (b.type == "mdat" && !seenMdat) {
            seenMdat = true;
            p.moovBefore = int(p.kept.size());
        }
        p.kept.push_back(b);
    }
    quint64 moovSize = quint64(moov.size());
    // The moov's size depends on the offsets (a stco may become a co64) and
    // the offsets on its size: a few rounds settle it.
    for (int round = 0; round < 4; ++round) {
        quint64 at = 0;
        for (int i = 0; i < int(p.kept.size()); ++i) {
            if (i == p.moovBefore)
                at += moovSize;
            p.kept[size_t(i)].newOffset = at;
            at += p.kept[size_t(i)].size;
        }
        auto rewritten = rewriteBox(moov, p.kept, path);
        if (!rewritten)
            return rewritten.error();
        if (quint64(rewritten->size()) == moovSize) {
            p.moov = std::move(*rewritten);
            p.total = at;
            return p;
        }
        moovSize = quint64(rewritten->size());
    }
    return makeError(ErrorCode::Internal, QStringLiteral("the header's size did not settle"));
}

bool cancelled(const WebReadyOptions &o) { return o.cancel && o.cancel->load(std::memory_order_relaxed); }

} // namespace

QString WebReadyReport::summary() const
{
    const QString name = QFileInfo(path).fileName();
    if (alreadyWebReady)
        return QStringLiteral("%1: already web-ready (the header is before the media); nothing changed").arg(name);
    return QStringLiteral("%1: web-ready — the header (%2 kB) is now before the media; nothing was re-encoded")
        .arg(name)
        .arg((moovSize + 1023) / 1024);
}

QString webReadyTempPath(const QString &path) { return path + QStringLiteral(".web-ready.tmp"); }

Result<bool> headerAfterMedia(const QString &path)
{
    auto f = InputFile::open(path);
    if (!f)
        return f.error();
    auto boxes = topBoxes(*f, path);
    if (!boxes)
        return boxes.error();
    qsizetype moov = -1, mdat = -1;
    for (qsizetype i = 0; i < qsizetype(boxes->size()); ++i) {
        const QByteArray &t = (*boxes)[size_t(i)].type;
        if (t == "moov" && moov < 0)
            moov = i;
        if (t == "mdat" && mdat < 0)
            mdat = i;
    }
    if (moov < 0)
        return corrupt(path, QStringLiteral("no header (moov)"));
    return mdat >= 0 && moov > mdat;
}

Result<WebReadyReport> makeWebReady(const QString &path, const WebReadyOptions &options)
{
    const QString name = QFileInfo(path).fileName();
    WebReadyReport rep;
    rep.path = path;
    // A live recording (or a recovery, or another web-ready) owns the file:
    // never touched. Held for the whole run, so none can start meanwhile.
    OwnerInfo holder;
    auto lock = FileLock::acquire(path, FileLock::Role::Recovery, 0, &holder);
    if (!lock) {
        if (lock.error().code == ErrorCode::InUse)
            return makeError(ErrorCode::InUse, QStringLiteral("%1 is %2; not changed").arg(name, holder.describe()));
        return lock.error();
    }
    auto in = InputFile::open(path);
    if (!in)
        return in.error();
    struct stat before {};
    if (::fstat(in->fd(), &before) != 0)
        return errnoError(errno, QStringLiteral("cannot read %1").arg(name));
    auto boxes = topBoxes(*in, path);
    if (!boxes)
        return boxes.error();
    const TopBox *moov = nullptr;
    bool mdatBeforeMoov = false, anyMdat = false;
    for (const TopBox &b : *boxes) {
        if (b.type == "moof" || b.type == "sidx" || b.type == "mfra" || b.type == "meta")
            return makeError(ErrorCode::Unsupported,
                             QStringLiteral("%1 is a fragmented or multi-part MP4 ('%2'); it is not changed")
                                 .arg(name, QString::fromLatin1(b.type)));
        if (b.type == "moov") {
            if (moov)
                return corrupt(path, QStringLiteral("two headers (moov)"));
            moov = &b;
        }
        if (b.type == "mdat") {
            anyMdat = true;
            mdatBeforeMoov = mdatBeforeMoov || !moov;
        }
    }
    if (!moov)
        return corrupt(path, QStringLiteral("no header (moov)"));
    if (!anyMdat || !mdatBeforeMoov) {
        rep.alreadyWebReady = true;
        rep.moovSize = moov->size;
        rep.fileSize = quint64(in->size());
        return rep;
    }
    if (moov->size > kMaxMoovBytes)
        return makeError(
            ErrorCode::Unsupported,
            QStringLiteral("%1 has a %2 MB header, more than this step handles").arg(name).arg(moov->size >> 20));
    const QByteArray moovBytes = in->readAt(qint64(moov->offset), qint64(moov->size));
    if (quint64(moovBytes.size()) != moov->size)
        return makeError(ErrorCode::Io, QStringLiteral("cannot read the header of %1").arg(name));
    auto plan = planLayout(*boxes, moovBytes, path);
    if (!plan)
        return plan.error();
    if (auto free = freeDiskBytes(QFileInfo(path).absolutePath()); free && *free < qint64(plan->total) + (1 << 20))
        return makeError(
            ErrorCode::DiskFull,
            QStringLiteral("making %1 web-ready needs %2 MB free beside it").arg(name).arg((plan->total >> 20) + 1));

    // The copy: created exclusively and locked before its first byte. A
    // leftover of an interrupted run (nobody holds it) is replaced; one
    // another run is writing is not.
    const QString tmp = webReadyTempPath(path);
    if (pathExists(tmp)) {
        if (const OwnerInfo who = fileOwner(tmp); who.owned())
            return makeError(ErrorCode::InUse, QStringLiteral("%1 is already being made web-ready").arg(name));
        logInfo(QStringLiteral("web-ready: removing %1, left by an interrupted run").arg(tmp));
        removePath(tmp);
    }
    auto out = OutputFile::open(tmp, CreateMode::NewOnly, options.faults);
    if (!out)
        return out.error();
    auto tmpLock = FileLock::acquire(tmp, FileLock::Role::Recovery);
    auto fail = [&](Error e) {
        (void)out->close();
        removePath(tmp);
        return e;
    };
    if (!tmpLock)
        return fail(tmpLock.error());

    qint64 done = 0;
    auto copyRange = [&](quint64 from, quint64 size) -> Status {
        while (size > 0) {
            if (cancelled(options))
                return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled; %1 is unchanged").arg(name));
            const qint64 n = qint64(std::min<quint64>(size, quint64(kCopyBlock)));
            const QByteArray block = in->readAt(qint64(from), n);
            if (block.size() != n)
                return makeError(ErrorCode::Io, QStringLiteral("cannot read %1 at byte %2").arg(name).arg(from));
            if (auto s = out->write(block.constData(), n); !s)
                return s;
            from += quint64(n);
            size -= quint64(n);
            done += n;
            if (options.progress)
                options.progress(done, qint64(plan->total));
        }
        return {};
    };
    for (int i = 0; i <= int(plan->kept.size()); ++i) {
        if (i == plan->moovBefore) {
            if (auto s = out->write(plan->moov.constData(), plan->moov.size()); !s)
                return fail(s.error());
            done += plan->moov.size();
        }
        if (i == int(plan->kept.size()))
            break;
        const TopBox &b = plan->kept[size_t(i)];
        if (auto s = copyRange(b.offset, b.size); !s)
            return fail(s.error());
    }
    if (auto s = out->sync(); !s)
        return fail(s.error());
    if (auto s = out->close(); !s)
        return fail(s.error());
    // The copy keeps the original's permissions.
    (void)::chmod(encodePath(tmp).constData(), before.st_mode & 07777);

    // The original must be the file that was read: a change meanwhile (not
    // possible through Tapedeck, which honours the lock) keeps it.
    struct stat now {};
    if (::stat(encodePath(path).constData(), &now) != 0 || now.st_ino != before.st_ino || now.st_size != before.st_size
        || now.st_mtim.tv_sec != before.st_mtim.tv_sec || now.st_mtim.tv_nsec != before.st_mtim.tv_nsec)
        return fail(makeError(ErrorCode::Io,
                              QStringLiteral("%1 changed while it was being made web-ready; it was "
                                             "left as it is")
                                  .arg(name)));
    if (auto s = renameFile(tmp, path, true); !s)
        return fail(s.error());
    if (auto s = syncDirectory(QFileInfo(path).absolutePath()); !s)
        return s.error(); // renamed: the file is complete; only the folder's durability is in doubt
    rep.moovSize = quint64(plan->moov.size());
    rep.fileSize = plan->total;
    logInfo(rep.summary());
    return rep;
}

} // namespace tapedeck::mp4
