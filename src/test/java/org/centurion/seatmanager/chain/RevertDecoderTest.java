package org.centurion.seatmanager.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

class RevertDecoderTest {
  static final List<String> SIGNATURES = List.of(
      "NotAllowlisted(bytes)", "ValueTooHigh(uint256,uint256)", "Unauthorized(address)",
      "Mixed(address,bool,bytes32,string)", "Paused()");
  final RevertDecoder decoder = new RevertDecoder(SIGNATURES);

  static String revertData(String signature, List<Type> args) {
    return RevertDecoder.selector(signature) + FunctionEncoder.encodeConstructor(args);
  }

  @Test
  void decodesCustomErrorsWithTheirArguments() {
    assertThat(decoder.decode(revertData("ValueTooHigh(uint256,uint256)", List.of(new Uint256(33), new Uint256(32)))))
        .isEqualTo("ValueTooHigh(33, 32)");
    assertThat(decoder.decode(revertData("NotAllowlisted(bytes)", List.of(new DynamicBytes(new byte[] {(byte) 0xab, 0x01})))))
        .isEqualTo("NotAllowlisted(0xab01)");
    assertThat(decoder.decode(revertData("Unauthorized(address)", List.of(new Address("0x00000000000000000000000000000000000a11ce")))))
        .isEqualTo("Unauthorized(0x00000000000000000000000000000000000a11ce)");
    assertThat(decoder.decode(revertData("Mixed(address,bool,bytes32,string)", List.of(
            new Address("0x0000000000000000000000000000000000000001"), new Bool(true), new Bytes32(new byte[32]), new Utf8String("hi")))))
        .isEqualTo("Mixed(0x0000000000000000000000000000000000000001, true, 0x" + "00".repeat(32) + ", \"hi\")");
    assertThat(decoder.decode(RevertDecoder.selector("Paused()"))).isEqualTo("Paused()");
  }

  @Test
  void decodesAnErrorWrappedInABytesArgument() {
    RevertDecoder router = new RevertDecoder(List.of("CallFailed(bytes)", "DepositIntentNotAllowlisted()", "RotationNotReady(uint256)"));
    String inner = RevertDecoder.selector("DepositIntentNotAllowlisted()");
    String outer = revertData("CallFailed(bytes)", List.of(new DynamicBytes(org.web3j.utils.Numeric.hexStringToByteArray(inner))));
    assertThat(router.decode(outer)).isEqualTo("CallFailed(DepositIntentNotAllowlisted())");
    String unknownInner = revertData("CallFailed(bytes)", List.of(new DynamicBytes(new byte[] {1, 2, 3, 4, 5})));
    assertThat(router.decode(unknownInner)).isEqualTo("CallFailed(0x0102030405)");
    assertThat(router.decode(revertData("RotationNotReady(uint256)", List.of(new Uint256(1700000000L)))))
        .isEqualTo("RotationNotReady(1700000000)");
  }

  @Test
  void decodesStandardErrorAndPanic() {
    assertThat(decoder.decode(revertData("Error(string)", List.of(new Utf8String("not owner"))))).isEqualTo("reverted: not owner");
    assertThat(decoder.decode(revertData("Panic(uint256)", List.of(new Uint256(0x11))))).isEqualTo("panic 0x11 (arithmetic overflow or underflow)");
  }

  @Test
  void describesWhatItCannotDecodeWithoutThrowing() {
    assertThat(decoder.decode("0x")).isEqualTo("reverted without data");
    assertThat(decoder.decode(null)).isEqualTo("reverted without readable data");
    assertThat(decoder.decode("0xzz")).isEqualTo("reverted without readable data");
    assertThat(decoder.decode("0x1234")).contains("malformed");
    assertThat(decoder.decode("0xdeadbeef" + "00".repeat(32))).isEqualTo("unknown custom error 0xdeadbeef (32 bytes of arguments)");
    assertThat(decoder.decode(RevertDecoder.selector("ValueTooHigh(uint256,uint256)") + "00")).contains("ValueTooHigh with undecodable arguments");
  }

  @Test
  void rejectsMalformedSignatures() {
    assertThatThrownBy(() -> new RevertDecoder(List.of("NoParens"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RevertDecoder(List.of("Bad(uint7)"))).isInstanceOf(IllegalArgumentException.class);
    assertThat(new RevertDecoder(List.of("Spaced(uint256, address)")).decode(
        revertData("Spaced(uint256,address)", List.of(new Uint256(BigInteger.TWO), new Address("0x0000000000000000000000000000000000000002")))))
        .isEqualTo("Spaced(2, 0x0000000000000000000000000000000000000002)");
  }
}
