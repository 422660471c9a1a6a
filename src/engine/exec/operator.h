// Push operators. A pipeline's source pushes rows into a chain of these, tagged with their slot:
// the task they came from, in input order. Rows of one slot arrive in order from one thread;
// different slots arrive concurrently. Sinks keep slots apart and combine them in slot order, so
// results never depend on which thread ran what.
#pragma once

#include <cstddef>

#include "huntq/engine/executor.h"

namespace huntq::engine {

class Operator {
 public:
  virtual ~Operator() = default;
  virtual void push(std::size_t slot, Row& row) = 0;
  /// The slot's rows are all pushed.
  virtual void slot_done(std::size_t slot) {
    if (next_) next_->slot_done(slot);
  }
  /// True when nothing more from this slot can change the result (take has enough rows): the
  /// source may stop reading it.
  virtual bool stopped(std::size_t slot) const { return next_ && next_->stopped(slot); }
  void set_next(Operator* next) { next_ = next; }

 protected:
  Operator* next_ = nullptr;
};

/// An operator that ends a chain and collects: it is told how many slots feed it before any row.
class Sink : public Operator {
 public:
  virtual void open(std::size_t slots) = 0;
};

}  // namespace huntq::engine
