// A FIFO of WIDTH-bit entries (an instruction and its stream index). The head stays in place while
// its unit executes it and is popped in the instruction's last cycle.
module vggc_instruction_queue #(
    parameter int WIDTH = vggc_isa_pkg::INSTRUCTION_ENTRY_BITS,
    parameter int DEPTH = 16
) (
    input  logic             clk,
    input  logic             rst_n,
    input  logic             push,
    input  logic [WIDTH-1:0] push_data,
    input  logic             pop,
    output logic [WIDTH-1:0] head,
    output logic             empty,
    output logic             full
);
  localparam int POINTER_BITS = $clog2(DEPTH);

  logic [WIDTH-1:0] entries[DEPTH];
  logic [POINTER_BITS-1:0] read_pointer;
  logic [POINTER_BITS-1:0] write_pointer;
  logic [POINTER_BITS:0] count;

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      read_pointer <= '0;
      write_pointer <= '0;
      count <= '0;
    end else begin
      if (push && !full) write_pointer <= write_pointer + 1'b1;
      if (pop && !empty) read_pointer <= read_pointer + 1'b1;
      count <= count + (POINTER_BITS + 1)'(push && !full) - (POINTER_BITS + 1)'(pop && !empty);
    end
  end

  always_ff @(posedge clk) begin
    if (push && !full) entries[write_pointer] <= push_data;
  end

  assign head = entries[read_pointer];
  assign empty = count == '0;
  assign full = count == (POINTER_BITS + 1)'(DEPTH);
endmodule
