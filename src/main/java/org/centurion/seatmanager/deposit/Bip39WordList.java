package org.centurion.seatmanager.deposit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The BIP-39 English word list, shipped as a resource and checked on load. */
public final class Bip39WordList {
  private static final String RESOURCE = "bip39-english.txt";

  private final List<String> words;
  private final Map<String, Integer> indexes;

  private Bip39WordList(List<String> words) {
    if (words.size() != 2048) {
      throw new IllegalStateException("a BIP-39 word list has 2048 words, found " + words.size());
    }
    this.words = List.copyOf(words);
    this.indexes = new HashMap<>();
    for (int i = 0; i < words.size(); i++) {
      if (indexes.put(words.get(i), i) != null) {
        throw new IllegalStateException("duplicate word in the BIP-39 list at line " + (i + 1));
      }
    }
  }

  public static Bip39WordList english() {
    try (InputStream in = Bip39WordList.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the BIP-39 English word list is missing from the jar");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new Bip39WordList(text.lines().map(String::strip).filter(w -> !w.isEmpty()).toList());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the BIP-39 word list", e);
    }
  }

  String word(int index) {
    return words.get(index);
  }

  /** Index of a word, or -1. */
  int indexOf(String word) {
    return indexes.getOrDefault(word, -1);
  }
}
