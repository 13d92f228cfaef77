// Disjoint sets over record indices 0..n-1 (union by smaller index, path halving), used to form
// connected components of links. The root of a set is its smallest member.
// Not thread-safe; a value.
#pragma once

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

namespace recount::linkage {

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0u); }
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void Union(uint32_t a, uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<uint32_t> parent_;
};

}  // namespace recount::linkage
