// One on-chip SRAM buffer as a behavioural byte-addressed memory of BYTES bytes, zero at power-up.
// READ_PORTS combinational read ports each return the 16 bytes from their address on (little-endian;
// bytes past the end read as 0); WRITE_PORTS ports each write `write_count` (0...16) bytes of
// `write_data` from their address on at the clock edge, later ports winning.
module vggc_sram_buffer #(
    parameter int BYTES = 4096,
    parameter int READ_PORTS = 1,
    parameter int WRITE_PORTS = 1
) (
    input  logic                          clk,
    input  logic [READ_PORTS*32-1:0]   read_address,
    output logic [READ_PORTS*128-1:0]  read_data,
    input  logic [WRITE_PORTS*32-1:0]  write_address,
    input  logic [WRITE_PORTS*128-1:0] write_data,
    input  logic [WRITE_PORTS*5-1:0]   write_count
);
  logic [7:0] memory[BYTES];

  initial begin
    for (int address = 0; address < BYTES; address++) memory[address] = 8'd0;
  end

  always_comb begin
    for (int port = 0; port < READ_PORTS; port++) begin
      for (int offset = 0; offset < 16; offset++) begin
        if (read_address[32*(port)+:32] + 32'(offset) < 32'(BYTES))
          read_data[128*(port)+8*offset+:8] = memory[read_address[32*(port)+:32]+32'(offset)];
        else read_data[128*(port)+8*offset+:8] = 8'd0;
      end
    end
  end

  // Blocking writes: Verilator cannot delay writes to an unpacked array from inside a loop, and
  // nothing reads the memory in a clocked block.
  /* verilator lint_off BLKSEQ */
  always_ff @(posedge clk) begin
    for (int port = 0; port < WRITE_PORTS; port++) begin
      for (int offset = 0; offset < 16; offset++) begin
        if (5'(offset) < write_count[5*(port)+:5] && write_address[32*(port)+:32] + 32'(offset) < 32'(BYTES))
          memory[write_address[32*(port)+:32]+32'(offset)] = write_data[128*(port)+8*offset+:8];
      end
    end
  end
  /* verilator lint_on BLKSEQ */
endmodule
