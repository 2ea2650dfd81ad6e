#include "core/mp4/Rebuild.h"

#include "core/base/Log.h"
#include "core/mp4/Moov.h"
#include "core/io/Paths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>

namespace tapedeck::mp4 {

QString placementName(MoovPlacement p)
{
    switch (p) {
    case MoovPlacement::Front:
        return QStringLiteral("moov before mdat (reserved room)");
    case MoovPlacement::End:
        return QStringLiteral("moov after mdat (reserved room too small)");
    case MoovPlacement::FrontCopied:
        return QStringLiteral("moov before mdat (media copied)");
    }
    return QString();
}

QString RebuildReport::summary() const
{
    return QStringLiteral("%1: %2; moov %3 bytes in %4 reserved; %5")
        .arg(outputPath, placementName(placement))
        .arg(moovSize)
        .arg(reservedSize)
        .arg(input.summary());
}

namespace {

QByteArray be64(quint64 v)
{
    QByteArray b(8, '\0');
    for (int i = 0; i < 8; ++i)
        b[i] = char((v >> (56 - 8 * i)) & 0xFF);
    return b;
}

QByteArray mdatHeader(quint64 boxSize)
{
    QByteArray h("\x00\x00\x00\x01mdat", 8);
    h.append(be64(boxSize));
    return h;
}

// Zeros [offset, offset + n) in pieces (the room can be large).
Status writeZeros(OutputFile &f, qint64 offset, qint64 n)
{
    static const QByteArray zeros(1 << 20, '\0');
    while (n > 0) {
        const qint64 k = std::min<qint64>(n, zeros.size());
        if (auto s = f.writeAt(offset, zeros.constData(), k); !s)
            return s;
        offset += k;
        n -= k;
    }
    return {};
}

// Copies [from, to) of `src` to the end of `dst`.
Status copyRange(const QString &srcPath, quint64 from, quint64 to, OutputFile &dst)
{
    auto src = InputFile::open(srcPath);
    if (!src)
        return src.error();
    QByteArray buf;
    quint64 pos = from;
    while (pos < to) {
        const qint64 want = qint64(std::min<quint64>(to - pos, 4u << 20));
        buf = src->readAt(qint64(pos), want);
        if (buf.size() != want)
            return makeError(ErrorCode::Io, QStringLiteral("cannot read %1").arg(srcPath));
        if (auto s = dst.write(buf.constData(), buf.size()); !s)
            return s;
        pos += quint64(want);
    }
    return {};
}

// The device of the folder holding `path`, or -1.
qint64 deviceOf(const QString &path)
{
    struct stat st {};
    const QByteArray dir = encodePath(QFileInfo(path).absolutePath());
    return ::stat(dir.constData(), &st) == 0 ? qint64(st.st_dev) : -1;
}

struct Plan {
    QByteArray moov;
    bool fits = false;
    quint64 dataBytes = 0; // media bytes: [dataOffset, dataEnd)
};

// Writes the final file as a copy (the sidecar set stays untouched).
Status writeCopy(const SidecarReport &in, const std::vector<std::span<const SampleRecord>> &recs, Plan &plan,
                 const QString &tmpPath, const RebuildOptions &opt, MoovPlacement *placement)
{
    const SidecarInfo &info = in.info;
    auto out =
        OutputFile::open(tmpPath, opt.writeOutputDirectly ? CreateMode::NewOnly : CreateMode::Truncate, opt.faults);
    if (!out)
        return out.error();
    auto src = InputFile::open(in.paths.dataPath);
    if (!src)
        return src.error();
    const QByteArray ftyp = src->readAt(0, qint64(info.ftypSize));
    if (auto s = out->write(ftyp.constData(), ftyp.size()); !s)
        return s;
    if (!plan.fits && opt.forceMoovFirst) {
        // ftyp | moov | mdat: the samples move by the moov size minus the room.
        const qint64 newDataOffset = qint64(info.ftypSize + quint64(plan.moov.size()) + kMdatHeaderSize);
        plan.moov = buildMoov(info, recs, newDataOffset - qint64(info.dataOffset));
        *placement = MoovPlacement::FrontCopied;
        const QByteArray hdr = mdatHeader(kMdatHeaderSize + plan.dataBytes);
        for (const QByteArray *b : std::initializer_list<const QByteArray *>{&plan.moov, &hdr})
            if (auto s = out->write(b->constData(), b->size()); !s)
                return s;
        if (auto s = copyRange(in.paths.dataPath, info.dataOffset, in.dataEnd, *out); !s)
            return s;
    } else {
        // Same layout as finishing in place: the room is moov + free, or one free box.
        QByteArray head = plan.fits ? plan.moov : QByteArray();
        const quint64 rest = info.reservedSize - quint64(head.size());
        if (rest > 0)
            head += buildFreeHeader(rest);
        if (auto s = out->write(head.constData(), head.size()); !s)
            return s;
        if (auto s = writeZeros(*out, out->size(), qint64(info.reservedSize) - head.size()); !s)
            return s;
        const QByteArray hdr = mdatHeader(kMdatHeaderSize + plan.dataBytes);
        if (auto s = out->write(hdr.constData(), hdr.size()); !s)
            return s;
        if (auto s = copyRange(in.paths.dataPath, info.dataOffset, in.dataEnd, *out); !s)
            return s;
        if (!plan.fits)
            if (auto s = out->write(plan.moov.constData(), plan.moov.size()); !s)
                return s;
        *placement = plan.fits ? MoovPlacement::Front : MoovPlacement::End;
    }
    if (auto s = out->sync(); !s)
        return s;
    return out->close();
}

// Finishes NAME.mp4.mdat where it is: O(index) writes, no media copied.
Status finishInPlace(const SidecarReport &in, const Plan &plan, const RebuildOptions &opt, MoovPlacement *placement)
{
    const SidecarInfo &info = in.info;
    auto f = OutputFile::open(in.paths.dataPath, CreateMode::OpenExisting, opt.faults);
    if (!f)
        return f.error();
    // Bytes after the last indexed sample are a packet in flight or the moov
    // of an interrupted earlier finish: not part of the recording.
    if (quint64(f->size()) > in.dataEnd)
        if (auto s = f->truncate(qint64(in.dataEnd)); !s)
            return s;
    // The room becomes moov + free; clear it first if an interrupted finish
    // left a moov there, so every finish of the same samples gives the same bytes.
    auto probe = InputFile::open(in.paths.dataPath);
    if (probe && probe->readAt(qint64(info.reservedOffset + 4), 4) == "moov") {
        if (auto s = writeZeros(*f, qint64(info.reservedOffset), qint64(info.reservedSize)); !s)
            return s;
    }
    const QByteArray hdr = mdatHeader(kMdatHeaderSize + plan.dataBytes);
    if (auto s = f->writeAt(qint64(info.mdatHeaderOffset), hdr.constData(), hdr.size()); !s)
        return s;
    if (plan.fits) {
        if (auto s = f->writeAt(qint64(info.reservedOffset), plan.moov.constData(), plan.moov.size()); !s)
            return s;
        const quint64 rest = info.reservedSize - quint64(plan.moov.size());
        if (rest > 0) {
            const QByteArray free = buildFreeHeader(rest);
            if (auto s = f->writeAt(qint64(info.reservedOffset) + plan.moov.size(), free.constData(), free.size()); !s)
                return s;
        }
        *placement = MoovPlacement::Front;
    } else {
        const QByteArray free = buildFreeHeader(info.reservedSize);
        if (auto s = f->writeAt(qint64(info.reservedOffset), free.constData(), free.size()); !s)
            return s;
        if (auto s = f->write(plan.moov.constData(), plan.moov.size()); !s)
            return s;
        *placement = MoovPlacement::End;
    }
    if (auto s = f->sync(); !s)
        return s;
    return f->close();
}

} // namespace

Result<RebuildReport> rebuildMp4(const QString &path, const RebuildOptions &opt)
{
    RebuildReport rep;
    rep.input = readSidecarSet(path);
    const SidecarReport &in = rep.input;
    if (!pathExists(in.paths.infoPath) && !pathExists(in.paths.dataPath))
        return makeError(ErrorCode::NotFound, QStringLiteral("no MP4 sidecar set at %1").arg(in.paths.finalPath));
    if (in.verdict == Verdict::Unrecoverable || in.verdict == Verdict::Empty)
        return makeError(
            ErrorCode::Corrupt,
            QStringLiteral("cannot rebuild %1: %2").arg(in.paths.finalPath, in.reasons.join(QStringLiteral("; "))));
    if (in.verdict == Verdict::Damaged && opt.refuseDamaged)
        return makeError(
            ErrorCode::Corrupt,
            QStringLiteral("%1 is damaged: %2").arg(in.paths.finalPath, in.reasons.join(QStringLiteral("; "))));
    const QString output = QFileInfo(opt.outputPath.isEmpty() ? in.paths.finalPath : opt.outputPath).absoluteFilePath();
    rep.outputPath = output;
    if (pathExists(output) && !opt.overwrite)
        return makeError(
            ErrorCode::AlreadyExists,
            QStringLiteral("%1 already exists; not replacing it (choose another name or allow overwriting)")
                .arg(output));

    std::vector<std::span<const SampleRecord>> recs;
    for (const TrackReadResult &t : in.tracks)
        recs.emplace_back(t.records);
    Plan plan;
    plan.moov = buildMoov(in.info, recs);
    plan.dataBytes = in.dataEnd - in.info.dataOffset;
    const quint64 room = in.info.reservedSize;
    plan.fits = quint64(plan.moov.size()) == room || quint64(plan.moov.size()) + 8 <= room;
    rep.moovSize = quint64(plan.moov.size());
    rep.reservedSize = room;

    // A rename cannot cross filesystems: an output elsewhere gets a copy.
    const bool otherDevice = deviceOf(output) != deviceOf(in.paths.dataPath);
    const bool copy = opt.copyMedia || otherDevice || (!plan.fits && opt.forceMoovFirst);
    auto notCommitted = [&](const QString &path) -> Status {
        if (!opt.validate)
            return {};
        if (auto v = opt.validate(path); !v)
            return makeError(ErrorCode::Corrupt,
                             QStringLiteral("the rebuilt file does not open (%1); the sidecar files "
                                            "are kept as they were")
                                 .arg(v.message()));
        return {};
    };
    if (copy) {
        const QString tmp = opt.writeOutputDirectly ? output : output + QStringLiteral(".partial");
        if (opt.writeOutputDirectly && pathExists(tmp))
            return makeError(ErrorCode::AlreadyExists, QStringLiteral("%1 already exists").arg(tmp));
        Status s = writeCopy(in, recs, plan, tmp, opt, &rep.placement);
        if (s)
            s = notCommitted(tmp);
        if (s && !opt.writeOutputDirectly)
            s = renameFile(tmp, output, opt.overwrite);
        if (!s) {
            // Ours unless the exclusive create found somebody else's file.
            if (!(opt.writeOutputDirectly && s.error().code == ErrorCode::AlreadyExists))
                removePath(tmp);
            return s.error();
        }
    } else {
        if (auto s = finishInPlace(in, plan, opt, &rep.placement); !s)
            return s.error();
        // Checked before the rename: a file that does not open never takes
        // the final name, and the set it came from stays whole.
        if (auto s = notCommitted(in.paths.dataPath); !s)
            return s.error();
        if (auto s = renameFile(in.paths.dataPath, output, opt.overwrite); !s)
            return s.error();
    }
    if (auto s = syncDirectory(QFileInfo(output).absolutePath()); !s)
        return s.error();
    rep.fileSize = quint64(std::max<qint64>(0, regularFileSize(output)));

    if (opt.deleteSidecars && !opt.copyMedia) {
        if (copy)
            removePath(in.paths.dataPath);
        removePath(in.paths.infoPath);
        removePath(in.paths.infoPath + QStringLiteral(".tmp"));
        for (const QString &t : in.paths.trackPaths)
            removePath(t);
        (void)syncDirectory(QFileInfo(in.paths.infoPath).absolutePath());
    }
    const QString line = QStringLiteral("MP4 finished: %1").arg(rep.summary());
    if (rep.placement == MoovPlacement::End)
        logWarning(line + QStringLiteral(" — the file is valid; players must read its end before playing"));
    else
        logInfo(line);
    return rep;
}

} // namespace tapedeck::mp4
