#include "ui/SecretFields.h"

#include "core/base/Redact.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>

namespace tapedeck {
namespace ui {
namespace {

const QString kMark = QStringLiteral("***");

// What the secret after this stretch of address stands for, in words.
QString labelFor(const QString &before)
{
    static const QRegularExpression user(QStringLiteral("://([^/@:]*):$"));
    static const QRegularExpression param(QStringLiteral("[?&]([^?&=]+)=$"));
    if (const auto m = user.match(before); m.hasMatch())
        return SecretFields::tr("Password for \"%1\":").arg(m.captured(1));
    if (const auto m = param.match(before); m.hasMatch()) {
        const QString name = m.captured(1);
        if (name.compare(QStringLiteral("passphrase"), Qt::CaseInsensitive) == 0)
            return SecretFields::tr("Passphrase:");
        return SecretFields::tr("Value of \"%1\":").arg(name);
    }
    if (before.endsWith(QStringLiteral("://")))
        return SecretFields::tr("Access token:");
    if (before.endsWith(u'/'))
        return SecretFields::tr("Stream key:");
    return SecretFields::tr("Password or key:");
}

} // namespace

int secretMarks(const QString &address) { return int(address.count(kMark)); }

bool splitSecrets(const QString &fullUrl, QString *redacted, QStringList *secrets)
{
    const QString red = redactUrl(fullUrl);
    const QStringList parts = red.split(kMark);
    QStringList found;
    if (!fullUrl.startsWith(parts.first()))
        return false;
    qsizetype pos = parts.first().size();
    for (int i = 1; i < parts.size(); ++i) {
        const QString &lit = parts.at(i);
        qsizetype at;
        if (i == parts.size() - 1) {
            at = fullUrl.size() - lit.size();
            if (at < pos || !fullUrl.endsWith(lit))
                return false;
        } else {
            if (lit.isEmpty())
                return false; // two marks side by side: no way to tell where one ends
            at = fullUrl.indexOf(lit, pos);
            if (at < 0)
                return false;
        }
        found << fullUrl.mid(pos, at - pos);
        pos = at + lit.size();
    }
    if (fillSecrets(red, found) != fullUrl)
        return false;
    *redacted = red;
    *secrets = found;
    return true;
}

QString fillSecrets(const QString &redacted, const QStringList &secrets)
{
    const QStringList parts = redacted.split(kMark);
    QString out = parts.first();
    for (int i = 1; i < parts.size(); ++i) {
        const QString value = secrets.value(i - 1);
        out += (value.isEmpty() ? kMark : value) + parts.at(i);
    }
    return out;
}

SecretFields::SecretFields(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("secretFields"));
    m_form = new QFormLayout(this);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    hide();
}

void SecretFields::setAddress(const QString &address)
{
    const QStringList parts = address.split(kMark);
    QStringList labels;
    QString before;
    for (int i = 0; i + 1 < parts.size(); ++i) {
        before += parts.at(i);
        labels << labelFor(before);
        before += kMark;
    }
    if (labels == m_labels)
        return;
    const QStringList keep = values();
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_edits.clear();
    m_labels = labels;
    for (int i = 0; i < labels.size(); ++i) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(QStringLiteral("secretEdit%1").arg(i));
        // Never shown in clear, never offered to an input method's memory.
        edit->setEchoMode(QLineEdit::Password);
        edit->setText(keep.value(i));
        connect(edit, &QLineEdit::textChanged, this, &SecretFields::edited);
        m_form->addRow(labels.at(i), edit);
        m_edits << edit;
    }
    setVisible(!m_edits.isEmpty());
    emit rowsChanged();
    emit edited();
}

void SecretFields::setValues(const QStringList &values)
{
    for (int i = 0; i < m_edits.size(); ++i)
        m_edits.at(i)->setText(values.value(i));
}

QStringList SecretFields::values() const
{
    QStringList out;
    for (QLineEdit *e : m_edits)
        out << e->text();
    return out;
}

bool SecretFields::complete() const
{
    for (QLineEdit *e : m_edits)
        if (e->text().isEmpty())
            return false;
    return true;
}

} // namespace ui
} // namespace tapedeck
