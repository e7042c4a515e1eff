#pragma once

// A fixed-capacity circular buffer: appending to a full buffer drops the oldest item, so
// a live series keeps a bounded window without reallocating. Index 0 is the oldest.

#include <QtGlobal>

#include <vector>

template<typename T>
class RingBuffer
{
public:
    explicit RingBuffer(qsizetype capacity = 0) : m_items(std::size_t(std::max<qsizetype>(capacity, 1))) { }

    qsizetype capacity() const { return qsizetype(m_items.size()); }
    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }

    void append(const T &item)
    {
        m_items[std::size_t((m_first + m_size) % capacity())] = item;
        if (m_size == capacity())
            m_first = (m_first + 1) % capacity();
        else
            ++m_size;
    }
    void removeFirst()
    {
        Q_ASSERT(m_size > 0);
        m_first = (m_first + 1) % capacity();
        --m_size;
    }
    void clear()
    {
        m_first = 0;
        m_size = 0;
    }

    const T &at(qsizetype i) const
    {
        Q_ASSERT(i >= 0 && i < m_size);
        return m_items[std::size_t((m_first + i) % capacity())];
    }
    T &operator[](qsizetype i)
    {
        Q_ASSERT(i >= 0 && i < m_size);
        return m_items[std::size_t((m_first + i) % capacity())];
    }
    const T &first() const { return at(0); }
    const T &last() const { return at(m_size - 1); }
    T &last() { return (*this)[m_size - 1]; }

private:
    std::vector<T> m_items;
    qsizetype m_first = 0;
    qsizetype m_size = 0;
};
