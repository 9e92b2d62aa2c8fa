package io.ctpipe.models.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pickle interpreter for the subset {@code torch.save} writes: containers, strings, numbers, booleans, None,
 * OrderedDict, numpy scalars, torch devices (as their names) and tensors. It executes no code: a GLOBAL outside {@link #ALLOWED} is refused with its
 * name, REDUCE only applies the allowed constructors, and every length and count is checked against the bytes left
 * before anything is allocated. The values it pushes are bounded ({@link #MAX_VALUES}), and the containers it builds
 * are acyclic, shallow and small ({@link Nesting}); dict keys are never containers. Objects come out as Java values:
 * Map (insertion-ordered), List (lists and tuples), String, Long, Double, Boolean, null, byte[] and {@link Tensor}.
 */
final class Pickle {
  static final Set<String> ALLOWED = Set.of("collections.OrderedDict", "torch._utils._rebuild_tensor_v2",
      "torch._utils._rebuild_parameter", "torch.FloatStorage", "torch.HalfStorage", "torch.BFloat16Storage",
      "torch.LongStorage", "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar", "numpy.dtype",
      "_codecs.encode", "torch.device");
  private static final int MAX_MEMO = 1 << 20;
  /**
   * Most values (and marks) a pickle may push, created or recalled: a state dict pushes about 30 per tensor, so
   * this is room for some 30,000 tensors while the values stay within a few hundred MB.
   */
  static final int MAX_VALUES = 1_000_000;
  private static final Object MARK = new Object();

  private final ByteBuffer in;
  private final StorageResolver storages;
  private final List<Object> stack = new ArrayList<>();
  private final List<Integer> marks = new ArrayList<>();
  private final Map<Long, Object> memo = new HashMap<>();
  private final Nesting nesting = new Nesting();
  private final CheckpointBudget budget;
  private int values;
  private int at;

  /** Loads the data of a persistent storage reference (tensor data lives outside the pickle). */
  interface StorageResolver {
    Storage resolve(StorageRef ref) throws CheckpointException;
  }

  private Pickle(byte[] bytes, StorageResolver storages, CheckpointBudget budget) {
    this.in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    this.storages = storages;
    this.budget = budget;
  }

  /** Unpickles {@code bytes}; tensors are charged to {@code budget}. */
  static Object load(byte[] bytes, StorageResolver storages, CheckpointBudget budget) throws CheckpointException {
    try {
      return new Pickle(bytes, storages, budget).run();
    } catch (java.nio.BufferUnderflowException e) {
      throw new CheckpointException("pickle ends in the middle of an instruction (truncated data.pkl)");
    } catch (ClassCastException | IndexOutOfBoundsException e) {
      throw new CheckpointException("malformed pickle: " + e.getMessage());
    } catch (UnsupportedOperationException e) {
      throw new CheckpointException("malformed pickle: it appends to a tuple");
    }
  }

  private Object run() throws CheckpointException {
    while (true) {
      at = in.position();
      int op = in.get() & 0xFF;
      switch (op) {
        case 0x80 -> in.get(); // PROTO
        case 0x95 -> in.getLong(); // FRAME
        case '.' -> {
          return pop();
        }
        case '(' -> {
          count();
          marks.add(stack.size());
        }
        case '}' -> push(new LinkedHashMap<>());
        case ']' -> push(new ArrayList<>());
        case ')' -> push(List.of());
        case 'N' -> push(null);
        case 0x88 -> push(Boolean.TRUE);
        case 0x89 -> push(Boolean.FALSE);
        case 'J' -> push((long) in.getInt());
        case 'K' -> push((long) (in.get() & 0xFF));
        case 'M' -> push((long) (in.getShort() & 0xFFFF));
        case 0x8a -> push(long1());
        case 'G' -> push(ByteBuffer.wrap(bytes(8)).order(ByteOrder.BIG_ENDIAN).getDouble());
        case 'X' -> push(text(in.getInt() & 0xFFFFFFFFL));
        case 0x8c -> push(text(in.get() & 0xFF));
        case 0x8d -> push(text(in.getLong()));
        case 'T' -> push(text(in.getInt() & 0xFFFFFFFFL));
        case 'U' -> push(text(in.get() & 0xFF));
        case 'B' -> push(bytes(in.getInt() & 0xFFFFFFFFL));
        case 'C' -> push(bytes(in.get() & 0xFF));
        case 'q' -> memoize(in.get() & 0xFF);
        case 'r' -> memoize(in.getInt() & 0xFFFFFFFFL);
        case 0x94 -> memoize(memo.size());
        case 'h' -> push(recall(in.get() & 0xFF));
        case 'j' -> push(recall(in.getInt() & 0xFFFFFFFFL));
        case 't' -> push(tuple(popMark()));
        case 0x85 -> push(tuple(Arrays.asList(pop())));
        case 0x86 -> {
          Object b = pop();
          push(tuple(Arrays.asList(pop(), b)));
        }
        case 0x87 -> {
          Object c = pop();
          Object b = pop();
          push(tuple(Arrays.asList(pop(), b, c)));
        }
        case 'l' -> push(append(new ArrayList<>(), popMark()));
        case 'd' -> push(putAll(new LinkedHashMap<>(), popMark()));
        case 'a' -> {
          Object item = pop();
          append(list(peek()), Arrays.asList(item));
        }
        case 'e' -> {
          List<Object> items = popMark();
          append(list(peek()), items);
        }
        case 's' -> {
          Object value = pop();
          Object key = pop();
          putAll(map(peek()), Arrays.asList(key, value));
        }
        case 'u' -> {
          List<Object> items = popMark();
          putAll(map(peek()), items);
        }
        case 'c' -> push(global(line(), line()));
        case 0x93 -> {
          Object name = pop();
          push(global((String) pop(), (String) name));
        }
        case 'R' -> {
          Object args = pop();
          push(reduce(pop(), list(args)));
        }
        case 'b' -> pop(); // BUILD: the state of an OrderedDict (_metadata) or a numpy dtype, not needed
        case 'Q' -> push(persistent(pop()));
        default -> throw new CheckpointException(String.format("pickle opcode 0x%02X at byte %d is not one torch.save "
            + "writes for tensors and containers; refused", op, at));
      }
    }
  }

  private void push(Object value) throws CheckpointException {
    count();
    stack.add(value);
  }

  private void count() throws CheckpointException {
    if (++values > MAX_VALUES) {
      throw new CheckpointException("pickle pushes more than " + MAX_VALUES + " values and marks (at byte " + at
          + "): far more than a state dict needs; refused");
    }
  }

  private Object pop() throws CheckpointException {
    if (stack.isEmpty() || (!marks.isEmpty() && marks.get(marks.size() - 1) == stack.size())) {
      throw new CheckpointException("malformed pickle: pop from an empty stack");
    }
    return stack.remove(stack.size() - 1);
  }

  private Object peek() throws CheckpointException {
    if (stack.isEmpty()) {
      throw new CheckpointException("malformed pickle: empty stack");
    }
    return stack.get(stack.size() - 1);
  }

  private List<Object> popMark() throws CheckpointException {
    if (marks.isEmpty()) {
      throw new CheckpointException("malformed pickle: no MARK before a collection");
    }
    int mark = marks.remove(marks.size() - 1);
    List<Object> items = new ArrayList<>(stack.subList(mark, stack.size()));
    stack.subList(mark, stack.size()).clear();
    return items;
  }

  /** A tuple of {@code items}: immutable, its items sealed. */
  private List<Object> tuple(List<Object> items) throws CheckpointException {
    List<Object> tuple = Collections.unmodifiableList(new ArrayList<>(items));
    for (Object item : items) {
      nesting.insert(tuple, item, at);
    }
    return tuple;
  }

  private List<Object> append(List<Object> list, List<Object> items) throws CheckpointException {
    for (Object item : items) {
      nesting.insert(list, item, at);
      list.add(item);
    }
    return list;
  }

  /** Puts alternating keys and values; a key may not be a container (Python could not hash a list or dict). */
  private Map<Object, Object> putAll(Map<Object, Object> map, List<Object> items) throws CheckpointException {
    if (items.size() % 2 != 0) {
      throw new CheckpointException("malformed pickle: a dictionary with an odd number of keys and values");
    }
    for (int i = 0; i < items.size(); i += 2) {
      if (Nesting.isContainer(items.get(i))) {
        String kind = items.get(i) instanceof Map<?, ?> ? "dict" : "list or tuple";
        throw new CheckpointException("pickle uses a " + kind + " as a dictionary key (at byte "
            + at + "); ctpipe reads only strings, numbers, booleans and None as keys");
      }
      nesting.insert(map, items.get(i + 1), at);
      map.put(items.get(i), items.get(i + 1));
    }
    return map;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) throws CheckpointException {
    if (value instanceof List<?> list) {
      return (List<Object>) list;
    }
    throw new CheckpointException("malformed pickle: expected a list or tuple, found " + describe(value));
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, Object> map(Object value) throws CheckpointException {
    if (value instanceof Map<?, ?> m) {
      return (Map<Object, Object>) m;
    }
    throw new CheckpointException("malformed pickle: expected a dictionary, found " + describe(value));
  }

  private static String describe(Object value) {
    return value == null ? "None" : value.getClass().getSimpleName();
  }

  private long long1() throws CheckpointException {
    int n = in.get() & 0xFF;
    if (n > 8) {
      throw new CheckpointException("pickle integer of " + n + " bytes is larger than ctpipe reads (8)");
    }
    long value = 0;
    for (int i = 0; i < n; i++) {
      value |= (in.get() & 0xFFL) << (8 * i);
    }
    if (n > 0 && n < 8 && (value & (1L << (8 * n - 1))) != 0) {
      value -= 1L << (8 * n); // two's complement of n bytes
    }
    return value;
  }

  private byte[] bytes(long length) throws CheckpointException {
    if (length < 0 || length > in.remaining()) {
      throw new CheckpointException("pickle declares " + length + " bytes with " + in.remaining() + " left");
    }
    byte[] out = new byte[(int) length];
    in.get(out);
    return out;
  }

  private String text(long length) throws CheckpointException {
    return new String(bytes(length), StandardCharsets.UTF_8);
  }

  /** A newline-terminated ASCII argument of GLOBAL. */
  private String line() throws CheckpointException {
    int start = in.position();
    int limit = Math.min(in.limit(), start + 256);
    for (int i = start; i < limit; i++) {
      if (in.get(i) == '\n') {
        byte[] bytes = new byte[i - start];
        in.get(bytes);
        in.get();
        return new String(bytes, StandardCharsets.US_ASCII);
      }
    }
    throw new CheckpointException("pickle GLOBAL name is not terminated within 256 bytes");
  }

  private void memoize(long index) throws CheckpointException {
    if (index >= MAX_MEMO || memo.size() >= MAX_MEMO) {
      throw new CheckpointException("pickle memo exceeds " + MAX_MEMO + " entries");
    }
    memo.put(index, peek());
  }

  private Object recall(long index) throws CheckpointException {
    if (!memo.containsKey(index)) {
      throw new CheckpointException("malformed pickle: memo entry " + index + " was never stored");
    }
    return memo.get(index);
  }

  private static Global global(String module, String name) throws CheckpointException {
    Global g = new Global(module, name);
    if (!ALLOWED.contains(g.toString())) {
      throw new CheckpointException("the checkpoint refers to the Python global " + g + ", which ctpipe does not "
          + "load: only tensors, containers, numbers and strings are read, and no code is ever executed");
    }
    return g;
  }

  private Object reduce(Object callable, List<Object> args) throws CheckpointException {
    if (!(callable instanceof Global g)) {
      throw new CheckpointException("malformed pickle: REDUCE applies " + describe(callable) + ", not a global");
    }
    switch (g.toString()) {
      case "collections.OrderedDict":
        return new LinkedHashMap<>();
      case "torch._utils._rebuild_tensor_v2":
        return Tensors.rebuild(args, budget);
      case "torch._utils._rebuild_parameter":
        return args.get(0);
      case "numpy.dtype":
        return args.get(0);
      case "_codecs.encode": // how protocol 2 writes bytes: the Latin-1 text of each byte
        if (args.size() != 2 || !(args.get(0) instanceof String text) || !"latin1".equals(args.get(1))) {
          throw new CheckpointException("_codecs.encode is read only as protocol 2 writes bytes (text, 'latin1')");
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
      case "torch.device": // nnU-Net's checkpoints keep the trainer's device among its arguments
        return deviceName(args);
      case "numpy.core.multiarray.scalar":
      case "numpy._core.multiarray.scalar":
        return Tensors.numpyScalar(args);
      default:
        throw new CheckpointException("the checkpoint calls " + g + ", which is not a constructor ctpipe applies");
    }
  }

  /** torch.device(type) or torch.device(type, index) as the text PyTorch prints: "cuda", "cuda:0". */
  private static String deviceName(List<Object> args) throws CheckpointException {
    if (args.isEmpty() || args.size() > 2 || !(args.get(0) instanceof String type)
        || (args.size() == 2 && !(args.get(1) instanceof Long))) {
      throw new CheckpointException("torch.device is read only as (type) or (type, index), not " + args.size()
          + " arguments of these kinds");
    }
    return args.size() == 1 ? type : type + ":" + args.get(1);
  }

  private Object persistent(Object pid) throws CheckpointException {
    List<Object> id = list(pid);
    if (id.size() != 5 || !"storage".equals(id.get(0)) || !(id.get(1) instanceof Global type)) {
      throw new CheckpointException("persistent id of " + id.size() + " items is not a tensor storage reference");
    }
    StorageType storage = StorageType.ofClass(type.name());
    if (storage == null) {
      throw new CheckpointException("storage type " + type + " is not read by ctpipe (float32, float16, bfloat16 "
          + "and int64 are)");
    }
    long elements = (Long) id.get(4);
    if (elements < 0) {
      throw new CheckpointException("storage " + id.get(2) + " declares " + elements + " elements");
    }
    return storages.resolve(new StorageRef(storage, (String) id.get(2), elements));
  }
}
