extension UnsafeMutablePointer {
    /// Memory of `count` initialized elements that is full, moved into memory twice its
    /// `capacity` (updated), the old memory freed: for the buffers that grow as they are filled
    /// and are kept in memory of their own (the JSON tape, the graph's key column), where an
    /// array would be retained and released around every access.
    public static func doubling(_ memory: UnsafeMutablePointer<Pointee>, count: Int, capacity: inout Int) -> UnsafeMutablePointer<Pointee> {
        let grown = UnsafeMutablePointer<Pointee>.allocate(capacity: capacity * 2)
        grown.moveInitialize(from: memory, count: count)
        memory.deallocate()
        capacity *= 2
        return grown
    }
}
