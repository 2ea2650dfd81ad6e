#include "core/recovery/Scanner.h"

#include "core/mp4/Sidecar.h"

#include "core/recovery/Classifier.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMetaObject>

#include <filesystem>
#include <system_error>

namespace tapedeck::recovery {

namespace fs = std::filesystem;

QStringList collectFiles(const ScanParams &params, QStringList *errors, const std::atomic_bool *cancel)
{
    QStringList out;
    for (const QString &p : params.paths) {
        const fs::path root(QFile::encodeName(QFileInfo(p).absoluteFilePath()).toStdString());
        std::error_code ec;
        const fs::file_status st = fs::status(root, ec);
        if (ec || !fs::exists(st)) {
            if (errors)
                *errors << QStringLiteral("%1: no such file or folder").arg(p);
            continue;
        }
        if (fs::is_regular_file(st)) {
            out << QFileInfo(p).absoluteFilePath();
            // One member of a sidecar set (the start-up notice names only
            // NAME.mp4.info; a file manager lets a user drop any one file)
            // brings the others, or a rebuild would leave them behind.
            if (mp4::isSidecarPath(p)) {
                const QString final = mp4::finalPathForSidecar(p);
                const QDir dir = QFileInfo(p).absoluteDir();
                for (const QString &name : dir.entryList({QFileInfo(final).fileName() + QStringLiteral(".*")}, QDir::Files)) {
                    const QString member = dir.filePath(name);
                    if (mp4::finalPathForSidecar(member) == final)
                        out << QFileInfo(member).absoluteFilePath();
                }
            }
            continue;
        }
        if (!fs::is_directory(st)) {
            if (errors)
                *errors << QStringLiteral("%1: not a file or folder").arg(p);
            continue;
        }
        fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
        if (ec) {
            if (errors)
                *errors << QStringLiteral("%1: %2").arg(p, QString::fromLocal8Bit(ec.message().c_str()));
            continue;
        }
        for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (ec) {
                if (errors)
                    *errors << QStringLiteral("%1: %2").arg(p, QString::fromLocal8Bit(ec.message().c_str()));
                break;
            }
            if (cancel && cancel->load(std::memory_order_relaxed))
                return out;
            std::error_code ec2;
            if (it->is_directory(ec2) && !it->is_symlink(ec2) && it.depth() >= params.maxDepth)
                it.disable_recursion_pending();
            // Symlinked files are skipped too: recovery renames and deletes, and
            // must only ever do that to the files it was pointed at.
            if (it->is_symlink(ec2) || !it->is_regular_file(ec2))
                continue;
            out << QFile::decodeName(QByteArray::fromStdString(it->path().string()));
        }
    }
    out.sort();
    out.removeDuplicates();
    return out;
}

ScanResult scanPaths(const ScanParams &params, const std::atomic_bool *cancel,
                     const std::function<void(qint64, qint64)> &progress)
{
    QStringList errors;
    const QStringList files = collectFiles(params, &errors, cancel);
    ScanResult r = classifyFiles(files, cancel, progress);
    r.errors = errors + r.errors;
    return r;
}

Scanner::Scanner(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<tapedeck::recovery::ScanResult>();
}

Scanner::~Scanner()
{
    cancel();
    if (m_thread.joinable())
        m_thread.join();
}

void Scanner::start(const ScanParams &params)
{
    if (m_running.exchange(true))
        return;
    if (m_thread.joinable())
        m_thread.join();
    m_cancel = false;
    m_thread = std::thread([this, params] {
        ScanResult r = scanPaths(params, &m_cancel, [this](qint64 done, qint64 total) {
            // Queued: the receiver lives on another thread.
            QMetaObject::invokeMethod(this, [this, done, total] { emit progress(done, total); }, Qt::QueuedConnection);
        });
        QMetaObject::invokeMethod(
            this,
            [this, r = std::move(r)] {
                m_running = false;
                emit finished(r);
            },
            Qt::QueuedConnection);
    });
}

void Scanner::cancel() { m_cancel = true; }

} // namespace tapedeck::recovery
